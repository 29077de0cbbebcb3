#pragma once

#include "domain/result.h"

#include <QDateTime>

#include <functional>

namespace byline {

class Database;

// Fills a newsroom with a synthetic archive for load testing and demos of scale: articles in
// English, Russian and Kazakh with caption shortcodes pointing at generated images, several
// authors, every workflow status, some scheduled in the future. The same seed and reference
// time give the same newsroom, byte for byte in every text column.
class NewsroomGenerator
{
public:
    struct Options
    {
        qint64 articles = 1000;
        int images = 100;
        int authors = 24;
        quint64 seed = 1;
        // Times are offsets from here: the archive reaches back about ten years before it,
        // scheduled articles lie up to 60 days after it. Invalid means the start of today, UTC.
        QDateTime reference;
        int batchSize = 20000; // articles per transaction
        // false: images are metadata only, without pixels, as a WordPress export imported
        // without its media folder leaves them.
        bool imagePixels = true;
    };

    struct Report
    {
        qint64 articles = 0;
        int images = 0;
        int authors = 0;
        qint64 words = 0;
        qint64 milliseconds = 0;
        double articlesPerSecond = 0;
    };

    // Writes into an open newsroom (normally a new, empty one). progress, when given, is told
    // the number of articles written after each batch.
    static Result<Report> generate(Database &db, const Options &options,
                                   const std::function<void(qint64)> &progress = {});

    // A tiny PNG that differs for every index; images share nothing but their size.
    static QByteArray imageBytes(quint64 seed, int index);
};

} // namespace byline
