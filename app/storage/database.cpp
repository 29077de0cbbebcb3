#include "database.h"

#include "migrator.h"
#include "sqlerror.h"

#include <QAtomicInt>
#include <QFile>
#include <QFileInfo>
#include <QMutexLocker>
#include <QSet>
#include <QSqlError>
#include <QThread>

namespace byline {

namespace {

QAtomicInt g_instanceCounter;

QString nextPrefix()
{
    return QStringLiteral("byline-%1").arg(g_instanceCounter.fetchAndAddRelaxed(1));
}

// The newsrooms open in this process. A thread that ends closes the connections it opened
// to those still open (see ThreadConnections); the lock also keeps a newsroom from closing
// while that happens.
QMutex g_liveMutex;
QSet<Database *> g_live;

// One per thread that opened a connection: as the thread ends (pool threads end when idle),
// its connections are closed on it, so their page caches and file handles go with it.
struct ThreadConnections
{
    QList<Database *> opened;
    ~ThreadConnections()
    {
        QMutexLocker lock(&g_liveMutex);
        for (Database *db : std::as_const(opened)) {
            if (g_live.contains(db))
                db->closeConnection();
        }
    }
};

thread_local ThreadConnections t_connections;

// The first bytes of every SQLite 3 database file.
constexpr char kSqliteMagic[] = "SQLite format 3";

enum class FileKind { Missing, Empty, Sqlite, NotSqlite, Unreadable };

FileKind classify(const QString &path, QString *why)
{
    QFileInfo info(path);
    if (!info.exists())
        return FileKind::Missing;
    if (!info.isFile()) {
        *why = QStringLiteral("%1 is not a regular file").arg(path);
        return FileKind::Unreadable;
    }
    if (info.size() == 0)
        return FileKind::Empty;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *why = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return FileKind::Unreadable;
    }
    const QByteArray head = f.read(16);
    if (head.size() < 16 || !head.startsWith(QByteArray(kSqliteMagic, sizeof kSqliteMagic)))
        return FileKind::NotSqlite;
    return FileKind::Sqlite;
}

// Reads what a newsroom file is without writing to it. Returns the problem, or empty.
NewsroomCheck inspect(const QString &path, int newestKnown, bool *isFresh,
                      bool integrityCheck = true)
{
    NewsroomCheck r;
    r.path = path;
    *isFresh = false;
    QString why;
    switch (classify(path, &why)) {
    case FileKind::Missing:
        r.problem = QStringLiteral("%1 does not exist").arg(path);
        *isFresh = true;
        return r;
    case FileKind::Empty:
        *isFresh = true;
        r.ok = true;
        return r;
    case FileKind::Unreadable:
        r.problem = why;
        return r;
    case FileKind::NotSqlite:
        r.problem = QStringLiteral("%1 is not a Byline newsroom: it is not an SQLite database").arg(path);
        return r;
    case FileKind::Sqlite:
        break;
    }

    const QString name = nextPrefix() + QStringLiteral("-check");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=5000"));
        SqliteDialect dialect;
        const auto problems = db.open() && integrityCheck ? dialect.integrityProblems(db)
                                                          : Result<QString>(QString());
        if (!db.isOpen()) {
            r.problem = QStringLiteral("%1 cannot be opened: %2").arg(path, db.lastError().text());
        } else if (!problems) {
            r.problem = QStringLiteral("%1 is damaged: %2").arg(path, problems.error());
        } else if (!problems->isEmpty()) {
            r.problem = QStringLiteral("%1 is damaged (integrity check failed): %2").arg(path, *problems);
        } else {
            const auto version = dialect.schemaVersion(db);
            const auto appId = dialect.applicationId(db);
            const auto objects = dialect.objectCount(db);
            if (!version || !appId || !objects) {
                r.problem = QStringLiteral("%1 cannot be read: %2")
                                .arg(path, !version ? version.error() : !appId ? appId.error() : objects.error());
            } else if (*appId != SqliteDialect::kApplicationId && (*appId != 0 || *objects > 0)) {
                r.problem = QStringLiteral("%1 is an SQLite database but not a Byline newsroom").arg(path);
            } else if (*version > newestKnown) {
                r.schemaVersion = *version;
                r.problem = QStringLiteral("%1 was written by a newer Byline (schema version %2; this "
                                           "version reads up to %3). Update Byline to open it; the "
                                           "file was not changed.")
                                .arg(path)
                                .arg(*version)
                                .arg(newestKnown);
            } else {
                r.schemaVersion = *version;
                *isFresh = *objects == 0;
                r.ok = true;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return r;
}

} // namespace

NewsroomCheck Database::check(const QString &path)
{
    bool fresh = false;
    NewsroomCheck r = inspect(path, latestSchemaVersion(), &fresh);
    if (r.ok && fresh) {
        r.ok = false;
        r.problem = QStringLiteral("%1 is an empty file, not a newsroom yet").arg(path);
    }
    return r;
}

int Database::latestSchemaVersion()
{
    static const int latest = [] {
        const auto m = Migrator::load(SqliteDialect().migrationsPath());
        return m ? int(m->size()) : 0;
    }();
    return latest;
}

Database::Database(QString path, std::unique_ptr<SqlDialect> dialect)
    : m_path(std::move(path)), m_dialect(std::move(dialect)), m_prefix(nextPrefix())
{
    QMutexLocker lock(&g_liveMutex);
    g_live.insert(this);
}

Database::~Database()
{
    {
        QMutexLocker lock(&g_liveMutex);
        g_live.remove(this);
    }
    decltype(m_connections) connections;
    {
        QMutexLocker lock(&m_mutex);
        connections.swap(m_connections);
    }
    // Only this thread may touch its own connection; one a worker left behind is closed by
    // its driver as it is removed (asking Qt for it from here would only earn a warning).
    const Qt::HANDLE self = QThread::currentThreadId();
    for (auto it = connections.cbegin(); it != connections.cend(); ++it) {
        if (it.key() == self) {
            QSqlDatabase db = QSqlDatabase::database(it.value(), false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(it.value());
    }
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const Options &options)
{
    using R = Result<std::unique_ptr<Database>>;
    std::unique_ptr<SqlDialect> dialect = std::make_unique<SqliteDialect>();
    const QString dir = options.migrationsPath.isEmpty() ? dialect->migrationsPath() : options.migrationsPath;
    const auto migrations = Migrator::load(dir);
    if (!migrations)
        return R::failure(migrations.error());

    bool fresh = false;
    const QFileInfo info(path);
    const bool existed = info.exists();
    const bool deferCheck = existed && info.size() > options.inlineIntegrityLimit;
    NewsroomCheck inspected = inspect(path, int(migrations->size()), &fresh, !deferCheck);
    if (deferCheck && inspected.ok && inspected.schemaVersion < int(migrations->size()))
        inspected = inspect(path, int(migrations->size()), &fresh, true); // about to write
    const bool checkPending = deferCheck && inspected.schemaVersion == int(migrations->size());
    if (!existed && !options.createIfMissing)
        return R::failure(inspected.problem);
    if (existed && !inspected.ok)
        return R::failure(inspected.problem);

    std::unique_ptr<Database> db(new Database(path, std::move(dialect)));
    db->m_integrityPending.storeRelease(checkPending ? 1 : 0);
    auto conn = db->openConnection(db->m_prefix + QStringLiteral("-main"));
    auto fail = [&](const QString &why) {
        db.reset();
        if (!existed)
            QFile::remove(path); // we created it; leave nothing behind
        return R::failure(why);
    };
    if (!conn)
        return fail(conn.error());
    {
        QMutexLocker lock(&db->m_mutex);
        db->m_connections.insert(QThread::currentThreadId(), db->m_prefix + QStringLiteral("-main"));
    }

    const auto version = Migrator::migrate(*db, *migrations);
    if (!version)
        return fail(QStringLiteral("%1: %2").arg(path, version.error()));
    db->m_schemaVersion = *version;

    QSqlDatabase c = *conn;
    if (Status s = static_cast<SqliteDialect &>(*db->m_dialect).enableWal(c); !s)
        return fail(s.error());
    return R(std::move(db));
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect->driverName(), name);
    db.setDatabaseName(m_path);
    if (!db.open()) {
        const QString why = QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Result<QSqlDatabase>::failure(why);
    }
    if (Status s = m_dialect->configureConnection(db); !s)
        return Result<QSqlDatabase>::failure(s.error());
    return db;
}

QSqlDatabase Database::connection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.value(thread);
    }
    if (!name.isEmpty()) {
        QSqlDatabase existing = QSqlDatabase::database(name, false);
        if (existing.isValid())
            return existing;
        // A thread that has ended left its connection here, and this new thread was given the
        // same id: drop the old connection and open one that belongs to this thread.
        {
            QMutexLocker lock(&m_mutex);
            m_connections.remove(thread);
            m_depth.remove(thread);
        }
        QSqlDatabase::removeDatabase(name);
    }

    name = m_prefix + QStringLiteral("-t%1").arg(m_connectionCounter.fetchAndAddRelaxed(1));
    auto conn = openConnection(name);
    if (!conn)
        return QSqlDatabase(); // queries on it fail and report "driver not loaded"
    {
        QMutexLocker lock(&m_mutex);
        m_connections.insert(thread, name);
    }
    if (!t_connections.opened.contains(this))
        t_connections.opened << this;
    return *conn;
}

int Database::connectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_connections.size());
}

void Database::closeConnection()
{
    const Qt::HANDLE thread = QThread::currentThreadId();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.take(thread);
        m_depth.remove(thread);
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

Status Database::verifyIntegrity()
{
    QSqlDatabase c = connection();
    {
        QMutexLocker lock(&m_reasonMutex);
        m_interruptCheck = m_dialect->interrupter(c);
    }
    const auto problems = m_dialect->integrityProblems(c);
    {
        QMutexLocker lock(&m_reasonMutex);
        m_interruptCheck = nullptr;
    }
    if (m_integrityInterrupted.fetchAndStoreOrdered(0))
        return Status::failure(QStringLiteral("the integrity check of %1 was stopped").arg(m_path));
    QString why;
    if (!problems)
        why = QStringLiteral("%1 is damaged: %2").arg(m_path, problems.error());
    else if (!problems->isEmpty())
        why = QStringLiteral("%1 is damaged (integrity check failed): %2").arg(m_path, *problems);
    m_integrityPending.storeRelease(0);
    if (why.isEmpty())
        return {};
    {
        QMutexLocker lock(&m_reasonMutex);
        m_readOnlyReason = why + QStringLiteral(". Nothing more will be written to it; restore a "
                                                "backup or copy what you need out of it.");
    }
    return Status::failure(why);
}

void Database::interruptIntegrityCheck()
{
    QMutexLocker lock(&m_reasonMutex);
    if (!m_interruptCheck)
        return;
    m_integrityInterrupted.storeRelease(1);
    m_interruptCheck();
}

QString Database::readOnlyReason() const
{
    QMutexLocker lock(&m_reasonMutex);
    return m_readOnlyReason;
}

int &Database::transactionDepth()
{
    QMutexLocker lock(&m_mutex);
    return m_depth[QThread::currentThreadId()];
}

} // namespace byline
