#pragma once

#include <QList>
#include <QString>

namespace byline {

struct AuthorLink
{
    QString label; // "Website", "X", …
    QString url;
    bool operator==(const AuthorLink &o) const { return label == o.label && url == o.url; }
};

// A person who writes for the newsroom, as their profile page shows them.
struct Author
{
    qint64 id = 0;            // 0 until stored
    QString slug;             // unique; also the WordPress login on export
    QString displayName;
    QString roleLine;         // "Regional Editor and Contributor"
    QString bio;              // plain text, paragraphs separated by blank lines
    QString email;
    qint64 avatarImageId = 0; // an image of the library, 0 for none
    qint64 wpAuthorId = 0;    // WordPress user id when known
    QList<AuthorLink> links;
};

} // namespace byline
