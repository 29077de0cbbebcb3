#include "exportdialog.h"

#include "backgroundtask.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace byline {

ExportDialog::ExportDialog(Database &db, QWidget *parent)
    : QDialog(parent), m_db(db), m_pending(std::make_shared<std::optional<ExportReport>>())
{
    setWindowTitle(tr("Export"));
    setMinimumWidth(560);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    for (const QString &id : ExporterRegistry::formats()) {
        if (auto exporter = ExporterRegistry::create(id))
            m_format->addItem(exporter->displayName(), id);
    }

    auto *scope = new QGroupBox(tr("Articles"), this);
    m_everything = new QRadioButton(tr("&Everything"), scope);
    m_byStatus = new QRadioButton(tr("With &status"), scope);
    m_bySince = new QRadioButton(tr("Dated &on or after"), scope);
    m_changed = new QRadioButton(tr("&Changed since the last export in this format"), scope);
    m_everything->setObjectName(QStringLiteral("scopeEverything"));
    m_byStatus->setObjectName(QStringLiteral("scopeStatus"));
    m_bySince->setObjectName(QStringLiteral("scopeSince"));
    m_changed->setObjectName(QStringLiteral("scopeChanged"));
    m_everything->setChecked(true);
    auto *group = new QButtonGroup(this);
    for (QRadioButton *b : {m_everything, m_byStatus, m_bySince, m_changed})
        group->addButton(b);
    m_status = new QComboBox(scope);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    for (ArticleStatus s : allStatuses())
        m_status->addItem(statusLabel(s), statusKey(s));
    m_status->setCurrentIndex(m_status->findData(statusKey(ArticleStatus::Published)));
    m_since = new QDateEdit(QDate::currentDate().addDays(-7), scope);
    m_since->setObjectName(QStringLiteral("exportSince"));
    m_since->setCalendarPopup(true);
    m_since->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    auto *grid = new QGridLayout(scope);
    grid->addWidget(m_everything, 0, 0, 1, 2);
    grid->addWidget(m_byStatus, 1, 0);
    grid->addWidget(m_status, 1, 1);
    grid->addWidget(m_bySince, 2, 0);
    grid->addWidget(m_since, 2, 1);
    grid->addWidget(m_changed, 3, 0, 1, 2);
    grid->setColumnStretch(1, 1);

    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setPlaceholderText(tr("Created or replaced when the export is complete"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    auto *folderRow = new QWidget(this);
    auto *folderLayout = new QHBoxLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addWidget(m_folder, 1);
    folderLayout->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Format:"), m_format);
    form->addRow(tr("&Target folder:"), folderRow);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("exportMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_export = buttons->addButton(tr("E&xport"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setDefault(true);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(scope);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_task = new BackgroundTask(this, tr("Exporting"));
    connect(m_task, &BackgroundTask::finished, this, &ExportDialog::finish);
    connect(group, &QButtonGroup::buttonToggled, this, &ExportDialog::updateFields);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateFields);
    updateFields();
}

ExportDialog::~ExportDialog() = default;

QRadioButton *ExportDialog::scopeButton(Scope scope) const
{
    switch (scope) {
    case Scope::Everything:
        return m_everything;
    case Scope::Status:
        return m_byStatus;
    case Scope::Since:
        return m_bySince;
    case Scope::ChangedSinceLastExport:
        break;
    }
    return m_changed;
}

QString ExportDialog::messageText() const
{
    return m_message->text();
}

QString ExportDialog::formatId() const
{
    return m_format->currentData().toString();
}

ExportRequest ExportDialog::request() const
{
    ExportRequest r;
    r.outputDir = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (m_byStatus->isChecked())
        r.selection.status = statusFromKey(m_status->currentData().toString());
    else if (m_bySince->isChecked())
        r.selection.from = QDateTime(m_since->date(), QTime(0, 0)).toUTC(); // the start of that day here
    else if (m_changed->isChecked())
        r.onlyChangedSinceLastExport = true;
    return r;
}

void ExportDialog::chooseFolder()
{
    const QString dir = QFileDialog::getSaveFileName(this, tr("Export To Folder"), m_folder->text(), QString(), nullptr,
                                                     QFileDialog::ShowDirsOnly);
    if (!dir.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(dir));
}

void ExportDialog::updateFields()
{
    const bool running = m_task->isRunning();
    m_status->setEnabled(!running && m_byStatus->isChecked());
    m_since->setEnabled(!running && m_bySince->isChecked());
    m_export->setEnabled(!running && !m_folder->text().trimmed().isEmpty());
    m_format->setEnabled(!running);
    m_folder->setEnabled(!running);
}

void ExportDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

void ExportDialog::start()
{
    if (m_task->isRunning())
        return;
    const ExportRequest base = request();
    const QString format = formatId();
    const QFileInfo target(base.outputDir);
    if (target.exists() && !target.isDir()) {
        showMessage(tr("%1 is a file; choose a folder.").arg(QDir::toNativeSeparators(base.outputDir)), true);
        return;
    }
    m_message->hide();
    m_pending->reset();
    Database *db = &m_db;
    auto pending = m_pending;
    m_task->start(tr("Exporting %1 to %2…").arg(m_format->currentText(), QDir::toNativeSeparators(target.absoluteFilePath())),
                  [db, base, format, pending](const ProgressCallback &progress) {
                      auto exporter = ExporterRegistry::create(format);
                      if (!exporter)
                          return Status::failure(QStringLiteral("unknown export format %1").arg(format));
                      ExportRequest request = base;
                      request.progress = progress;
                      auto report = exporter->run(*db, request);
                      if (!report)
                          return Status::failure(report.error());
                      *pending = *report;
                      return Status();
                  });
    updateFields();
}

void ExportDialog::finish(const Status &status)
{
    updateFields();
    if (m_task->wasCancelled() && !status) {
        showMessage(tr("The export was cancelled; the previous export in that folder is unchanged."), false);
        return;
    }
    if (!status) {
        showMessage(tr("The export failed: %1").arg(status.error()), true);
        return;
    }
    m_report = *m_pending;
    const auto count = [](int n, const QString &one, const QString &many) {
        return n == 1 ? one : many.arg(n);
    };
    showMessage(tr("Exported %1, %2 and %3 to %4.")
                    .arg(count(m_report->articles, tr("1 article"), tr("%1 articles")),
                         count(m_report->images, tr("1 image"), tr("%1 images")),
                         count(m_report->authors, tr("1 author"), tr("%1 authors")),
                         QDir::toNativeSeparators(m_report->outputDir)),
                false);
    emit exported(*m_report);
}

void ExportDialog::reject()
{
    if (m_task->isRunning()) {
        m_task->cancel();
        m_task->waitForFinished();
    }
    QDialog::reject();
}

} // namespace byline
