#pragma once

#include "exporter.h"

namespace byline {

// Writes IPTC ninjs (news in JSON) for agencies and aggregators: one document per article in
// <dir>/<slug>.json, and the picture files in <dir>/media/ with their credits written in, named
// as the WXR export names them so both can share one uploads folder.
//
// Mapping (2.2 names; 3.1 uses the camelCase spelling of the same fields):
//   uri              the article's permalink on the newsroom's site
//   version          the row version, bumped by every save
//   headlines        the title (role "main"); descriptions: the excerpt (role "summary")
//   bodies           the body as the site prints it (wpautop, HTML5 captions), text/html
//   by, people       the byline as one string, and each author with rel "author"
//   firstcreated, versioncreated, contentcreated, embargoed   created, updated, published
//                    (else created), embargo time; all UTC
//   pubstatus        published/scheduled → usable, spiked → canceled, else withheld
//   associations     every picture (featured first, then those in the body): caption, alt text
//                    and credit line as descriptions (roles "caption", "alt", "creditline": no
//                    ninjs version has a credit-line field), creator as "by", copyright notice
//                    as "copyrightnotice", and one rendition for the file.
class NinjsExporter : public Exporter
{
public:
    enum class Version { V2_2, V3_1 };
    explicit NinjsExporter(Version version = Version::V2_2) : m_version(version) {}

    QString formatId() const override;
    QString displayName() const override;
    Result<ExportReport> run(Database &db, const ExportRequest &request) override;

private:
    Version m_version = Version::V2_2;
};

} // namespace byline
