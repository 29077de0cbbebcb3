#pragma once

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>

// Helpers shared by the tests (header-only; tests link only the libraries under test).
namespace testsupport {

inline QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

inline QString sharedFixture(const QString &relative)
{
    return QStringLiteral(BYLINE_SHARED_FIXTURES "/") + relative;
}

inline QString testData(const QString &relative)
{
    return QStringLiteral(BYLINE_TEST_DATA "/") + relative;
}

// Copies the migration files of `from` that come before the first whose name holds stopAt
// into `into`: a newsroom opened with them is the schema as it stood before that migration.
inline bool copyMigrationsBefore(const QString &from, const QString &into, const QString &stopAt)
{
    for (const QString &f : QDir(from).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name)) {
        if (f.contains(stopAt))
            return true;
        if (!QFile::copy(from + QLatin1Char('/') + f, into + QLatin1Char('/') + f))
            return false;
    }
    return true;
}

} // namespace testsupport

// QVERIFY for Result/Status values that prints the reason on failure.
#define QVERIFY_OK(expr)                                                                           \
    do {                                                                                           \
        const auto &_r = (expr);                                                                   \
        if (!_r.ok())                                                                              \
            QFAIL(qPrintable(QStringLiteral(#expr ": ") + _r.error()));                            \
    } while (false)
