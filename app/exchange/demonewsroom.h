#pragma once

#include "domain/result.h"

#include <QString>

namespace byline {

// Builds the demo newsroom from the content in resources/demo: authors, images and articles
// across every workflow status, with times relative to now so scheduled pieces stay ahead.
class DemoNewsroom
{
public:
    struct Counts
    {
        int authors = 0;
        int articles = 0;
        int images = 0;
    };

    // Creates a new newsroom at path. Refuses to touch an existing file that holds anything.
    static Result<Counts> create(const QString &path);

    // Reads the demo content from `dir` (the embedded copy by default) into an open newsroom,
    // in one transaction.
    static Result<Counts> fill(class Database &db, const QString &dir = QStringLiteral(":/byline/demo"));
};

} // namespace byline
