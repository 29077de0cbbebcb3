#include "backgroundtask.h"

#include "longwork.h"

#include <QProgressDialog>
#include <QPushButton>
#include <QtConcurrent>

#include <algorithm>

namespace byline {

namespace {
constexpr int kSteps = 1000; // the dialog's range; work reports in its own units
}

BackgroundTask::BackgroundTask(QWidget *parent, const QString &title)
    : QObject(parent), m_shared(std::make_shared<Shared>())
{
    m_progress = new QProgressDialog(parent);
    m_progress->setObjectName(QStringLiteral("exchangeProgress"));
    m_progress->setWindowTitle(title);
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setRange(0, kSteps);
    m_progress->setMinimumDuration(0);
    m_progress->setAutoReset(false);
    m_progress->setAutoClose(false);
    m_progress->setMinimumWidth(420);
    m_progress->reset();
    m_progress->hide();
    // QProgressDialog hides itself on Cancel; the work learns of it at its next step.
    connect(m_progress, &QProgressDialog::canceled, this, [this] {
        if (m_running)
            m_shared->cancel.store(true);
    });
    m_poll.setInterval(50);
    connect(&m_poll, &QTimer::timeout, this, &BackgroundTask::showProgress);
    connect(&m_watcher, &QFutureWatcher<Status>::finished, this, &BackgroundTask::done);
}

BackgroundTask::~BackgroundTask()
{
    // The work refers to nothing of ours but the shared state; still, never leave it running
    // against a database that may be closed next.
    if (m_running) {
        m_shared->cancel.store(true);
        m_watcher.waitForFinished();
    }
}

void BackgroundTask::start(const QString &label, Work work)
{
    if (m_running)
        return;
    m_shared = std::make_shared<Shared>();
    m_running = true;
    m_progress->setLabelText(label);
    m_progress->setValue(0);
    m_progress->show();
    std::shared_ptr<Shared> shared = m_shared;
    m_watcher.setFuture(QtConcurrent::run(longWorkPool(), [shared, work = std::move(work)]() -> Status {
        const ProgressCallback progress = [shared](qint64 done, qint64 total) {
            shared->total.store(total);
            shared->done.store(done);
            return !shared->cancel.load();
        };
        return work(progress);
    }));
    m_poll.start();
}

void BackgroundTask::cancel()
{
    if (m_running)
        m_shared->cancel.store(true);
}

void BackgroundTask::waitForFinished()
{
    m_watcher.waitForFinished();
}

void BackgroundTask::showProgress()
{
    if (!m_progress || !m_running)
        return;
    const qint64 total = m_shared->total.load();
    const qint64 done = m_shared->done.load();
    if (total > 0)
        m_progress->setValue(int(std::clamp<qint64>(done * kSteps / total, 0, kSteps)));
}

void BackgroundTask::done()
{
    m_poll.stop();
    m_running = false;
    Status status = m_watcher.future().result();
    if (m_progress) {
        m_progress->reset();
        m_progress->hide();
    }
    emit finished(status);
}

} // namespace byline
