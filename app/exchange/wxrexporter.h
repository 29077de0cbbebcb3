#pragma once

#include "exporter.h"

namespace byline {

// Writes a WordPress export (WXR 1.2) that WordPress's importer reads as its own: the XML
// as <dir>/export.xml, the image files in <dir>/media/ and the author profiles WordPress has
// no place for (bios, roles, links) in <dir>/authors.json.
//
// Workflow statuses become WordPress's: published → publish, scheduled → future, ready →
// pending, draft and in-edit → draft, spiked → trash (so a round trip keeps them).
class WxrExporter : public Exporter
{
public:
    QString formatId() const override { return QStringLiteral("wxr"); }
    QString displayName() const override { return QStringLiteral("WordPress (WXR 1.2)"); }
    Result<ExportReport> run(Database &db, const ExportRequest &request) override;
};

} // namespace byline
