#include "exporter.h"

#include "htmlexporter.h"
#include "ninjsexporter.h"
#include "wxrexporter.h"

#include "authorrepository.h"
#include "database.h"
#include "imagemetadata.h"
#include "settingsrepository.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QTemporaryDir>
#include <QThread>
#include <QUuid>
#include <QWaitCondition>

#include <deque>

namespace byline {

namespace {

struct Entry
{
    QString id;
    std::function<std::unique_ptr<Exporter>()> make;
};

QList<Entry> entries()
{
    return {
        {QStringLiteral("wxr"), [] { return std::unique_ptr<Exporter>(new WxrExporter); }},
        {QStringLiteral("html"), [] { return std::unique_ptr<Exporter>(new HtmlExporter); }},
        {QStringLiteral("ninjs"), [] { return std::unique_ptr<Exporter>(new NinjsExporter(NinjsExporter::Version::V2_2)); }},
        {QStringLiteral("ninjs3"), [] { return std::unique_ptr<Exporter>(new NinjsExporter(NinjsExporter::Version::V3_1)); }},
    };
}

} // namespace

QStringList ExporterRegistry::formats()
{
    QStringList out;
    for (const Entry &e : entries())
        out << e.id;
    return out;
}

std::unique_ptr<Exporter> ExporterRegistry::create(const QString &formatId)
{
    for (const Entry &e : entries()) {
        if (e.id == formatId)
            return e.make();
    }
    return nullptr;
}

ExportJob::ExportJob(Database &db, QString formatId, const ExportRequest &request)
    : m_db(db), m_format(std::move(formatId)), m_request(request), m_repo(db),
      m_startedAt(QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC))
{
}

ExportJob::~ExportJob() = default;

Status ExportJob::load(bool assignWordPressIds, const std::function<Status()> &imagesRead)
{
    if (m_request.outputDir.isEmpty())
        return Status::failure(QStringLiteral("no output folder given"));
    ExportSelection selection = m_request.selection;
    m_everything = !selection.status && !selection.from.isValid() && !selection.to.isValid()
                   && !m_request.onlyChangedSinceLastExport;
    if (m_request.onlyChangedSinceLastExport) {
        auto last = m_repo.lastExport(m_format);
        if (!last)
            return Status::failure(last.error());
        selection.changedSince = *last;
    }
    m_selection = selection;
    if (assignWordPressIds) {
        if (Status s = m_repo.assignWordPressIds(); !s)
            return s;
    }
    // The images first: a format can set their files going while the articles are read.
    auto images = m_repo.attachments(nullptr);
    if (!images)
        return Status::failure(images.error());
    m_images = std::move(*images);
    for (const AttachmentRecord &r : std::as_const(m_images)) {
        m_byId.insert(r.image.id, &r);
        if (r.image.wpAttachmentId > 0)
            m_byWpId.insert(r.image.wpAttachmentId, &r);
    }
    if (imagesRead) {
        if (Status s = imagesRead(); !s)
            return s;
    }
    auto count = m_repo.countArticlesForExport(selection);
    if (!count)
        return Status::failure(count.error());
    m_articleCount = *count;
    auto authors = AuthorRepository(m_db).all();
    if (!authors)
        return Status::failure(authors.error());
    m_authors = std::move(*authors);
    return {};
}

Status ExportJob::forEachArticle(const ExchangeRepository::ExportRow &each)
{
    qint64 seen = 0;
    const Status s = m_repo.forEachArticleForExport(m_selection, [&](const ExportArticle &e, QByteArrayView body) {
        ++seen;
        return each(e, body);
    });
    m_articleCount = seen;
    return s;
}

Status ExportJob::stage(const QStringList &subfolders)
{
    const QFileInfo target(m_request.outputDir);
    m_target = target.absoluteFilePath();
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return Status::failure(QStringLiteral("could not create %1").arg(parent));
    m_staging = std::make_unique<QTemporaryDir>(parent + QStringLiteral("/.") + target.fileName()
                                                + QStringLiteral(".partial-XXXXXX"));
    if (!m_staging->isValid())
        return Status::failure(
            QStringLiteral("could not create a staging folder in %1: %2").arg(parent, m_staging->errorString()));
    for (const QString &sub : subfolders) {
        if (!QDir().mkpath(root() + QLatin1Char('/') + sub))
            return Status::failure(QStringLiteral("could not create %1/%2").arg(root(), sub));
    }
    return {};
}

QString ExportJob::site() const
{
    QString site = SettingsRepository(m_db).value(settingkeys::kBaseUrl).valueOr(QString()).trimmed();
    while (site.endsWith(QLatin1Char('/')))
        site.chop(1);
    if (site.isEmpty())
        site = QStringLiteral("https://example.invalid"); // reserved: never a real site
    return site;
}

QTimeZone ExportJob::timeZone() const
{
    const QString zoneId = SettingsRepository(m_db).value(settingkeys::kTimeZone).valueOr(QString());
    if (!zoneId.isEmpty() && QTimeZone::isTimeZoneIdAvailable(zoneId.toUtf8()))
        return QTimeZone(zoneId.toUtf8());
    return QTimeZone(QByteArrayLiteral("UTC"));
}

QString ExportJob::creditStyle() const
{
    return SettingsRepository(m_db).value(settingkeys::kCreditStyle, QStringLiteral("Image: {credit}")).valueOr(QString());
}

QString ExportJob::root() const
{
    return m_staging ? m_staging->path() : QString();
}

QString ExportJob::target() const
{
    return m_target;
}

QString ExportJob::inside(const QString &relative) const
{
    const QString base = root();
    const QString path = QDir::cleanPath(base + QLatin1Char('/') + relative);
    return !base.isEmpty() && path.startsWith(base + QLatin1Char('/')) ? path : QString();
}

bool ExportJob::step()
{
    return !m_request.progress || m_request.progress(++m_done, m_total);
}

QString ExportJob::cancelledMessage()
{
    return QStringLiteral("the export was cancelled; the previous export is unchanged");
}

namespace {

// A picture's bytes as a file of the export.
Status writeMediaBytes(const QString &path, const QByteArray &bytes, const Image &image)
{
    if (Status s = writeStagedFile(path, bytes); !s)
        return s;
    // Pictures travel without the database: the credits have to be inside the file.
    if (bytes.startsWith("\xFF\xD8\xFF"))
        return ImageMetadata::write(path, ImageMetadata::of(image));
    return {};
}

} // namespace

// Reads queued pictures from the newsroom on its own connection and writes their files, one
// after the other, on a thread of its own (not the shared pool: an export running on a pool
// thread must never wait for a pool thread). Making thousands of small files is mostly the
// file system's time, which the document being written meanwhile on the caller's thread
// hides. Stops at the first failure; destroying it stops it and waits.
class ExportJob::MediaWriter
{
    Q_DISABLE_COPY_MOVE(MediaWriter)
public:
    explicit MediaWriter(Database &db) : m_db(db) {}
    ~MediaWriter()
    {
        {
            QMutexLocker lock(&m_mutex);
            m_stop = true;
        }
        join();
    }

    void add(const AttachmentRecord *record, const QString &path)
    {
        {
            QMutexLocker lock(&m_mutex);
            m_queue.push_back({record, path});
        }
        m_wake.wakeOne();
        // How many: creating files in one folder is serialised by the folder's lock, so extra
        // writers mostly wait on each other (see kWriters).
        if (m_threads.size() < size_t(kWriters)) {
            m_threads.emplace_back(QThread::create([this] { run(); }));
            m_threads.back()->start();
        }
    }

    Status status() const
    {
        QMutexLocker lock(&m_mutex);
        return m_error.isEmpty() ? Status() : Status::failure(m_error);
    }

    Status finish()
    {
        {
            QMutexLocker lock(&m_mutex);
            m_closed = true;
        }
        join();
        return status();
    }

private:
    struct Item
    {
        const AttachmentRecord *record = nullptr;
        QString path;
    };

    void join()
    {
        m_wake.wakeAll();
        for (auto &thread : m_threads)
            thread->wait();
        m_threads.clear();
    }

    void run()
    {
        {
            ExchangeRepository repo(m_db); // its statements belong to this thread's connection
            for (;;) {
                Item item;
                {
                    QMutexLocker lock(&m_mutex);
                    while (m_queue.empty() && !m_closed && !m_stop)
                        m_wake.wait(&m_mutex);
                    if (m_stop || m_queue.empty())
                        break;
                    item = std::move(m_queue.front());
                    m_queue.pop_front();
                }
                auto bytes = repo.imageBytes(item.record->image.id);
                Status s = bytes ? writeMediaBytes(item.path, *bytes, item.record->image) : Status::failure(bytes.error());
                if (!s) {
                    QMutexLocker lock(&m_mutex);
                    if (m_error.isEmpty())
                        m_error = s.error();
                    m_stop = true; // the other writers stop too: the export has failed
                    m_wake.wakeAll();
                    break;
                }
            }
        }
        m_db.closeConnection();
    }

    Database &m_db;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Item> m_queue;
    bool m_closed = false; // nothing more comes: finish the queue and end
    bool m_stop = false;   // end now
    QString m_error;
    // Measured for 20 000 files beside the XML on two cores, runs interleaved: one writer
    // 1.13–2.03 s (median 1.30), two 1.36–1.64 s (1.55), four 1.44–2.19 s (1.66); perf showed
    // four writers spinning on the folder's lock.
    static constexpr int kWriters = 1;
    std::vector<std::unique_ptr<QThread>> m_threads;
};

Result<QString> ExportJob::mediaFileName(const AttachmentRecord &record, const QString &folder, QString &path)
{
    const Image &m = record.image;
    const QString wanted = safeFileName(m.originalFileName.isEmpty() ? record.attachedFile : m.originalFileName,
                                        QStringLiteral("image"));
    const QString id = QString::number(m.wpAttachmentId);
    QString name = id + QLatin1Char('-') + wanted;
    for (int n = 2; m_mediaNames.contains(folder + name); ++n)
        name = id + QLatin1Char('-') + QString::number(n) + QLatin1Char('-') + wanted;
    m_mediaNames.insert(folder + name);
    // The folder is checked once; a name of safeFileName() behind a number cannot leave it.
    QString &base = m_mediaFolders[folder];
    if (base.isEmpty())
        base = inside(folder);
    if (base.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return Result<QString>::failure(QStringLiteral("refusing to write %1 outside the media folder").arg(name));
    path = base + QLatin1Char('/') + name;
    return name;
}

Result<QString> ExportJob::writeMediaFile(const AttachmentRecord &record, const QString &folder)
{
    using R = Result<QString>;
    if (!record.hasBytes)
        return QString();
    QString path;
    auto name = mediaFileName(record, folder, path);
    if (!name)
        return name;
    auto bytes = m_repo.imageBytes(record.image.id);
    if (!bytes)
        return R::failure(bytes.error());
    if (Status s = writeMediaBytes(path, *bytes, record.image); !s)
        return R::failure(s.error());
    return name;
}

Result<QString> ExportJob::queueMediaFile(const AttachmentRecord &record, const QString &folder)
{
    if (!record.hasBytes)
        return QString();
    QString path;
    auto name = mediaFileName(record, folder, path);
    if (!name)
        return name;
    if (!m_mediaWriter)
        m_mediaWriter = std::make_unique<MediaWriter>(m_db);
    m_mediaWriter->add(&record, path);
    return name;
}

Status ExportJob::mediaStatus() const
{
    return m_mediaWriter ? m_mediaWriter->status() : Status();
}

Status ExportJob::waitForMedia()
{
    return m_mediaWriter ? m_mediaWriter->finish() : Status();
}

Result<ExportReport> ExportJob::finish(const QString &mainFile, int images)
{
    using R = Result<ExportReport>;
    // Every file is in place before the folder becomes the export; a failure drops it.
    if (Status s = waitForMedia(); !s)
        return R::failure(s.error());
    m_staging->setAutoRemove(false);
    const QString staged = root();
    if (Status s = replaceFolder(staged, m_target); !s) {
        QDir(staged).removeRecursively();
        return R::failure(s.error());
    }
    if (Status s = m_repo.logExport(m_format, m_target, m_startedAt, int(m_articleCount), images); !s)
        return R::failure(s.error());
    ExportReport report;
    report.format = m_format;
    report.outputDir = m_target;
    report.mainFile = mainFile.isEmpty() ? m_target : m_target + QLatin1Char('/') + mainFile;
    report.articles = int(m_articleCount);
    report.images = images;
    report.authors = int(m_authors.size());
    return report;
}

Status writeStagedFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size() || !f.flush())
        return Status::failure(QStringLiteral("could not write %1: %2").arg(path, f.errorString()));
    return {};
}

Status replaceFolder(const QString &staging, const QString &target)
{
    const QFileInfo info(target);
    QString old;
    if (info.exists()) {
        old = info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".old-")
            + QUuid::createUuid().toString(QUuid::Id128).left(8);
        if (!QDir().rename(target, old))
            return Status::failure(QStringLiteral("could not move the previous export %1 aside").arg(target));
    }
    if (!QDir().rename(staging, target)) {
        if (!old.isEmpty())
            QDir().rename(old, target); // put the previous export back
        return Status::failure(QStringLiteral("could not move the finished export into %1").arg(target));
    }
    if (!old.isEmpty())
        QDir(old).removeRecursively();
    return {};
}

QString safeFileName(const QString &name, const QString &fallback)
{
    // Only the last path component counts, and only characters no file system treats specially.
    QString base = name;
    base.replace(QLatin1Char('\\'), QLatin1Char('/'));
    base = base.section(QLatin1Char('/'), -1);
    QString out;
    out.reserve(base.size());
    for (const QChar c : std::as_const(base)) {
        const ushort u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.'
                        || u == '-' || u == '_';
        out += ok ? c : QLatin1Char('-');
    }
    while (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('-')))
        out.remove(0, 1);
    if (out.size() > 100)
        out = out.right(100);
    return out.isEmpty() ? fallback : out;
}

} // namespace byline
