#pragma once

#include <QCryptographicHash>
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

} // namespace testsupport

// QVERIFY for Result/Status values that prints the reason on failure.
#define QVERIFY_OK(expr)                                                                           \
    do {                                                                                           \
        const auto &_r = (expr);                                                                   \
        if (!_r.ok())                                                                              \
            QFAIL(qPrintable(QStringLiteral(#expr ": ") + _r.error()));                            \
    } while (false)
