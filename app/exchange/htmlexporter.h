#pragma once

#include "exporter.h"

namespace byline {

// Writes a static HTML5 site that opens from disk: <dir>/index.html, one page per article in
// <dir>/articles/, one per author in <dir>/authors/, and for every picture a 1280 px and a
// 640 px JPEG rendition in <dir>/media/ with the credits written into the file. Bodies go
// through wpautop() and caption shortcodes come out as WordPress's HTML5 <figure> markup, so
// the pages read like the published site. Every link is relative.
class HtmlExporter : public Exporter
{
public:
    QString formatId() const override { return QStringLiteral("html"); }
    QString displayName() const override { return QStringLiteral("Static HTML site"); }
    Result<ExportReport> run(Database &db, const ExportRequest &request) override;

    // The widths of the renditions written for every picture (never wider than the original).
    static QList<int> renditionWidths() { return {1280, 640}; }
};

// An article body as a WordPress theme with HTML5 captions prints it: paragraphs by wpautop(),
// caption shortcodes as <figure>, other shortcodes left as they are.
QString renderedBody(const QString &body);

// "kk", "ru" or "en" from the letters of the title and body; the newsroom stores no language.
QString articleLanguage(const Article &article);

} // namespace byline
