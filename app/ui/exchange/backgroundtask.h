#pragma once

#include "exporter.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

class QWidget;

namespace byline {

// Runs one import or export on a worker thread (where Database opens the thread's own
// connection) behind a window-modal QProgressDialog. Cancel asks the work to stop at its next
// progress report; finished() comes only once the work has returned, so whatever it rolls
// back or discards is gone by then.
class BackgroundTask : public QObject
{
    Q_OBJECT
public:
    // The work gets a progress callback to call as it goes (false: stop, it was cancelled).
    using Work = std::function<Status(const ProgressCallback &progress)>;

    BackgroundTask(QWidget *parent, const QString &title);
    ~BackgroundTask() override;

    void start(const QString &label, Work work);
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_shared->cancel.load(); }
    QProgressDialog *progressDialog() const { return m_progress; }
    // What Cancel in the progress dialog does: the work stops at its next progress report.
    void cancel();
    // Blocks until the work has returned (for closing a window while it runs).
    void waitForFinished();

signals:
    void finished(const byline::Status &status);

private:
    struct Shared
    {
        std::atomic<bool> cancel{false};
        std::atomic<qint64> done{0};
        std::atomic<qint64> total{0};
    };
    void showProgress();
    void done();

    std::shared_ptr<Shared> m_shared;
    QPointer<QProgressDialog> m_progress;
    QFutureWatcher<Status> m_watcher;
    QTimer m_poll;
    bool m_running = false;
};

} // namespace byline
