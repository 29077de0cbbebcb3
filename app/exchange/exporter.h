#pragma once

#include "domain/result.h"
#include "exchangerepository.h"

#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimeZone>

#include <functional>
#include <memory>

class QTemporaryDir;

namespace byline {

class Database;

// Called with work done so far and the total; returning false cancels.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// What to export and where; the same for every format.
struct ExportRequest
{
    QString outputDir;             // the folder the export becomes; replaced only when complete
    ExportSelection selection;     // status / date range
    bool onlyChangedSinceLastExport = false; // uses the export log of this format
    ProgressCallback progress;     // may be empty
};

struct ExportReport
{
    QString format;
    QString outputDir;
    QString mainFile; // e.g. <outputDir>/export.xml
    int articles = 0;
    int images = 0;
    int authors = 0;
};

// One export format. The window's export dialog and `byline export` both go through this
// interface, so a new format is one subclass and one line in the registry.
class Exporter
{
public:
    virtual ~Exporter() = default;
    virtual QString formatId() const = 0;    // "wxr"
    virtual QString displayName() const = 0; // "WordPress (WXR 1.2)"
    virtual Result<ExportReport> run(Database &db, const ExportRequest &request) = 0;
};

// The formats Byline can write.
class ExporterRegistry
{
public:
    static QStringList formats();
    static std::unique_ptr<Exporter> create(const QString &formatId); // null when unknown
};

// The frame every format shares: the selection with "changed since the last export" resolved,
// the newsroom read once, a staging folder beside the target that becomes the export only when
// finish() succeeds (dropped otherwise), progress with cancel, and the export log entry.
class ExportJob
{
    Q_DISABLE_COPY_MOVE(ExportJob)
public:
    ExportJob(Database &db, QString formatId, const ExportRequest &request);
    ~ExportJob();

    // Resolves the selection and reads what the export needs. assignWordPressIds first gives
    // every article and image its stable WordPress id (WXR and ninjs name things by them).
    // imagesRead, when given, is called once images() is read and before the articles are.
    // The articles themselves are not held: forEachArticle() reads them one at a time.
    Status load(bool assignWordPressIds, const std::function<Status()> &imagesRead = {});
    // How many articles the selection holds: counted by load(), then by forEachArticle().
    qint64 articleCount() const { return m_articleCount; }
    // Each selected article in id order with its body as stored (UTF-8), the article's own
    // body left empty, so an export holds one body at a time however large the archive.
    Status forEachArticle(const ExchangeRepository::ExportRow &each);
    // Creates the staging folder with these subfolders.
    Status stage(const QStringList &subfolders);

    ExchangeRepository &repo() { return m_repo; }
    QDateTime startedAt() const { return m_startedAt; }
    // True when nothing narrows the selection.
    bool everything() const { return m_everything; }
    const QList<Author> &authors() const { return m_authors; }
    const QList<AttachmentRecord> &images() const { return m_images; }
    const AttachmentRecord *imageById(qint64 id) const { return m_byId.value(id); }
    const AttachmentRecord *imageByWpId(qint64 wpId) const { return m_byWpId.value(wpId); }

    // The newsroom's site without a trailing slash (a reserved address when none is set), its
    // time zone (UTC when none) and the credit style ("Image: {credit}" when none).
    QString site() const;
    QTimeZone timeZone() const;
    QString creditStyle() const;

    QString root() const;   // the staging folder
    QString target() const; // the absolute output folder
    // root/relative, or empty when relative would leave the staging folder.
    QString inside(const QString &relative) const;

    // Progress over total steps; false when the person cancelled.
    void setTotal(qint64 total) { m_total = total; }
    bool step();
    static QString cancelledMessage();

    // Writes a picture's original bytes into root/folder as "<wp id>-<safe name>" (numbered
    // when taken) with its credits written into a JPEG; returns the file name, empty when the
    // record has no bytes.
    Result<QString> writeMediaFile(const AttachmentRecord &record, const QString &folder);
    // The same file, named now (the name is returned at once) but read from the newsroom and
    // written by a worker thread while the caller goes on with the document. The record must
    // stay alive until waitForMedia(); every record of images() does.
    Result<QString> queueMediaFile(const AttachmentRecord &record, const QString &folder);
    // The first failure of the queued files so far, without waiting (to stop early).
    Status mediaStatus() const;
    // Waits until every queued file is written; the first failure, if any.
    Status waitForMedia();

    // Waits for the queued media files, moves the staging folder into place, logs the export
    // and reports it.
    Result<ExportReport> finish(const QString &mainFile, int images);

private:
    class MediaWriter;
    // "<wp id>-<safe name>" in root/folder, numbered when taken; path is set to where it goes.
    Result<QString> mediaFileName(const AttachmentRecord &record, const QString &folder, QString &path);

    Database &m_db;
    QString m_format;
    const ExportRequest &m_request;
    ExchangeRepository m_repo;
    QDateTime m_startedAt;
    bool m_everything = true;
    ExportSelection m_selection; // with "changed since the last export" resolved
    qint64 m_articleCount = 0;
    QList<Author> m_authors;
    QList<AttachmentRecord> m_images;
    QHash<qint64, const AttachmentRecord *> m_byId, m_byWpId;
    std::unique_ptr<QTemporaryDir> m_staging;
    QString m_target;
    QSet<QString> m_mediaNames;
    QHash<QString, QString> m_mediaFolders; // folder → its path inside the staging folder
    std::unique_ptr<MediaWriter> m_mediaWriter; // stopped before the staging folder goes
    qint64 m_total = 0;
    qint64 m_done = 0;
};

// A plain write for a file inside a staging folder: the folder is swapped in whole, so a
// per-file QSaveFile (a temporary inode and an fdatasync for each of thousands of files)
// buys nothing.
Status writeStagedFile(const QString &path, const QByteArray &bytes);

// Replaces `target` with the finished folder `staging` so that a failure at any point leaves
// the previous export intact. Both must be on the same file system (siblings).
Status replaceFolder(const QString &staging, const QString &target);

// A file name that stays inside its folder whatever the input (no separators, no leading dot,
// only [A-Za-z0-9._-]); fallback when nothing usable remains.
QString safeFileName(const QString &name, const QString &fallback);

} // namespace byline
