#pragma once

#include "domain/image.h"
#include "domain/result.h"

#include <QStringList>

namespace byline {

class Database;

// Brings image files into the library: reads what they are, keeps their embedded credits
// where the file carries them, and recognises bytes the library already holds.
class ImageImporter
{
public:
    struct Outcome
    {
        QList<qint64> added;
        QList<qint64> duplicates; // already in the library: the existing image
        QStringList problems;     // "file: why", one per file refused
    };

    explicit ImageImporter(Database &db) : m_db(db) {}

    Result<qint64> importFile(const QString &path, bool *duplicate = nullptr);
    Outcome importFiles(const QStringList &paths);

private:
    Database &m_db;
};

} // namespace byline
