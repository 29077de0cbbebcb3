#pragma once

#include "domain/result.h"
#include "exporter.h"

#include <QMap>
#include <QString>

#include <functional>

class QIODevice;

namespace byline {

class Database;

struct WxrImportOptions
{
    QString mediaDir;               // where attachment files are looked up; empty for none
    ProgressCallback progress;      // bytes read so far and the file's size; false cancels
    QString savedBy = QStringLiteral("WXR import");
};

// What an import did, for the dialog and the command line.
struct WxrImportReport
{
    QString wxrVersion;
    int authors = 0;
    int posts = 0;
    int pages = 0;
    int attachments = 0;
    int attachmentsWithoutFile = 0; // kept as metadata only
    int categories = 0;             // declared in the channel, as WordPress's parser counts them
    int tags = 0;
    int undeclaredTerms = 0;        // used by items without a wp:category/wp:tag entry; created too
    int terms = 0;                  // generic wp:term entries, whatever their taxonomy
    int otherTerms = 0;             // taxonomies we do not keep (nav_menu, post_format, …)
    int articlesChanged = 0;        // inserted or updated; 0 on an identical re-import
    int itemsWithoutId = 0;         // items with no WordPress post id in the WordPress namespace
    QMap<QString, int> skippedPostTypes; // nav_menu_item → 70, …
};

// Reads a WordPress export (WXR 1.0 to 1.2, http or https namespaces) into the newsroom in
// one transaction. Re-importing updates by WordPress id and slug instead of duplicating. A
// file that is not well-formed or not WXR is refused with line and column, and nothing is
// written; a cancelled import writes nothing either. The file is parsed on a thread of the
// importer's own while the caller's thread writes, so the device belongs to the importer
// until import() returns; progress is reported on the caller's thread.
//
// WordPress statuses become: publish → published, future → scheduled, draft and auto-draft →
// draft, pending → ready, trash → spiked, private → draft (private posts were never public;
// publishing them on the next export would be a leak).
class WxrImporter
{
public:
    explicit WxrImporter(Database &db) : m_db(db) {}

    Result<WxrImportReport> importFile(const QString &path, const WxrImportOptions &options = {});
    Result<WxrImportReport> import(QIODevice &device, const WxrImportOptions &options = {});

private:
    Database &m_db;
};

} // namespace byline
