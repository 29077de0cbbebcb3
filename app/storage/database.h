#pragma once

#include "domain/result.h"
#include "sqldialect.h"

#include <QAtomicInt>
#include <QHash>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>

namespace byline {

// What `byline check` and the window report about a newsroom file.
struct NewsroomCheck
{
    QString path;
    int schemaVersion = 0;
    bool ok = false;
    QString problem; // empty when ok
};

// Owns the connections to one newsroom: one named connection per thread, configured by the
// dialect, schema brought up to date on open. Never uses Qt's default connection.
class Database
{
    Q_DISABLE_COPY_MOVE(Database)
public:
    // The newest schema this build knows: the number of migrations it carries.
    static int latestSchemaVersion();

    struct Options
    {
        bool createIfMissing = true;
        // Tests point this at their own numbered files; empty means the dialect's.
        QString migrationsPath;
        // Files up to this size get the full integrity check before anything else happens.
        // A larger file opens at once with the cheap checks (header, owner, schema version)
        // and its integrity check is left to verifyIntegrity(), which the window runs in the
        // background: opening a million-article archive must not read all of it first. A file
        // that needs migrating is always checked first, whatever its size.
        qint64 inlineIntegrityLimit = 64 * 1024 * 1024;
    };

    // Opens (or creates) the newsroom at path. Refuses, without writing a byte, a file that is
    // not SQLite, not a newsroom, damaged, or from a newer Byline.
    static Result<std::unique_ptr<Database>> open(const QString &path, const Options &options);
    static Result<std::unique_ptr<Database>> open(const QString &path) { return open(path, Options()); }

    // Inspects a newsroom read-only; never writes, never migrates.
    static NewsroomCheck check(const QString &path);

    ~Database();

    // The calling thread's connection, opened on first use.
    QSqlDatabase connection();
    // Closes the calling thread's connection; for a worker thread that is about to end, once
    // none of its queries is left. The next connection() opens a fresh one.
    void closeConnection();
    // How many threads hold a connection at the moment. A thread that ends closes its own.
    int connectionCount() const;
    const SqlDialect &dialect() const { return *m_dialect; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    // Transaction nesting depth of the calling thread's connection (used by Transaction).
    int &transactionDepth();

    // True when open() left the integrity check for later (see Options).
    bool integrityCheckPending() const { return m_integrityPending.loadAcquire() != 0; }
    // Runs the integrity check on the calling thread's connection (read-only; any thread).
    // When it finds damage the newsroom becomes read-only: every later Transaction refuses to
    // begin with the reason, so nothing is written into a damaged file.
    Status verifyIntegrity();
    // Stops a verifyIntegrity() running on another thread (it then returns an error and
    // changes nothing); for closing a newsroom without waiting for the check to end.
    void interruptIntegrityCheck();
    // Why writes are refused, or empty while the newsroom is writable.
    QString readOnlyReason() const;

private:
    Database(QString path, std::unique_ptr<SqlDialect> dialect);
    Result<QSqlDatabase> openConnection(const QString &name);

    QString m_path;
    std::unique_ptr<SqlDialect> m_dialect;
    QString m_prefix;
    int m_schemaVersion = 0;
    mutable QMutex m_mutex;
    QHash<Qt::HANDLE, QString> m_connections; // thread → connection name
    QHash<Qt::HANDLE, int> m_depth;
    QAtomicInt m_connectionCounter;
    QAtomicInt m_integrityPending;
    QAtomicInt m_integrityInterrupted;
    std::function<void()> m_interruptCheck; // guarded by m_reasonMutex
    mutable QMutex m_reasonMutex;
    QString m_readOnlyReason;
};

} // namespace byline
