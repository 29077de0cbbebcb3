#include "wxrimportdialog.h"

#include "backgroundtask.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QVBoxLayout>

namespace byline {

namespace {

QWidget *withBrowse(QLineEdit *edit, QPushButton *browse)
{
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}

QString counted(int n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(n == 1 ? one : many));
}

} // namespace

WxrImportDialog::WxrImportDialog(Database &db, QWidget *parent)
    : QDialog(parent), m_db(db), m_pending(std::make_shared<std::optional<WxrImportReport>>())
{
    setWindowTitle(tr("Import WordPress Export"));
    setMinimumWidth(560);
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("wxrFile"));
    m_file->setPlaceholderText(tr("The .xml file from Tools > Export in WordPress"));
    m_media = new QLineEdit(this);
    m_media->setObjectName(QStringLiteral("mediaFolder"));
    m_media->setPlaceholderText(tr("Optional: a copy of wp-content/uploads"));
    auto *browseFile = new QPushButton(tr("Browse…"), this);
    auto *browseMedia = new QPushButton(tr("Browse…"), this);
    connect(browseFile, &QPushButton::clicked, this, &WxrImportDialog::chooseFile);
    connect(browseMedia, &QPushButton::clicked, this, &WxrImportDialog::chooseMedia);

    auto *intro = new QLabel(tr("Brings in the authors, posts, pages, categories, tags and attachments of a "
                                "WordPress export. Importing the same file again updates what it brought in "
                                "before; nothing is duplicated."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("WXR &file:"), withBrowse(m_file, browseFile));
    form->addRow(tr("&Media folder:"), withBrowse(m_media, browseMedia));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("importMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    m_import->setDefault(true);
    connect(m_import, &QPushButton::clicked, this, &WxrImportDialog::start);
    connect(buttons, &QDialogButtonBox::rejected, this, &WxrImportDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);

    m_task = new BackgroundTask(this, tr("Importing"));
    connect(m_task, &BackgroundTask::finished, this, &WxrImportDialog::finish);
    connect(m_file, &QLineEdit::textChanged, this, &WxrImportDialog::updateButtons);
    updateButtons();
}

WxrImportDialog::~WxrImportDialog() = default;

QString WxrImportDialog::messageText() const
{
    return m_message->text();
}

QString WxrImportDialog::summary(const WxrImportReport &r)
{
    QStringList parts{counted(r.posts, "post", "posts"), counted(r.pages, "page", "pages"),
                      counted(r.attachments, "attachment", "attachments"), counted(r.authors, "author", "authors"),
                      counted(r.categories, "category", "categories"), counted(r.tags, "tag", "tags")};
    QString text = tr("Imported %1 from a WXR %2 file.").arg(parts.join(QStringLiteral(", ")), r.wxrVersion);
    if (r.articlesChanged == 0 && r.posts + r.pages > 0)
        text += QLatin1Char(' ') + tr("Nothing had changed since the last import.");
    else
        text += QLatin1Char(' ') + tr("%1 new or updated.").arg(counted(r.articlesChanged, "article", "articles"));
    if (r.attachmentsWithoutFile > 0)
        text += QLatin1Char(' ')
                + tr("%1 kept as metadata only: the file was not in the media folder.")
                      .arg(counted(r.attachmentsWithoutFile, "attachment", "attachments"));
    if (!r.skippedPostTypes.isEmpty()) {
        QStringList skipped;
        for (auto it = r.skippedPostTypes.cbegin(); it != r.skippedPostTypes.cend(); ++it)
            skipped << QStringLiteral("%1 × %2").arg(it.value()).arg(it.key());
        text += QLatin1Char(' ') + tr("Skipped: %1.").arg(skipped.join(QStringLiteral(", ")));
    }
    return text;
}

void WxrImportDialog::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("WordPress Export"), m_file->text(),
                                                      tr("WordPress exports (*.xml *.wxr);;All files (*)"));
    if (!path.isEmpty())
        m_file->setText(QDir::toNativeSeparators(path));
}

void WxrImportDialog::chooseMedia()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Media Folder"), m_media->text());
    if (!dir.isEmpty())
        m_media->setText(QDir::toNativeSeparators(dir));
}

void WxrImportDialog::updateButtons()
{
    const bool running = m_task->isRunning();
    m_import->setEnabled(!running && !m_file->text().trimmed().isEmpty());
    m_file->setEnabled(!running);
    m_media->setEnabled(!running);
}

void WxrImportDialog::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->show();
}

void WxrImportDialog::start()
{
    if (m_task->isRunning())
        return;
    const QString file = QDir::fromNativeSeparators(m_file->text().trimmed());
    const QString media = QDir::fromNativeSeparators(m_media->text().trimmed());
    if (!QFileInfo(file).isFile()) {
        showMessage(tr("%1 is not a file.").arg(QDir::toNativeSeparators(file)), true);
        return;
    }
    if (!media.isEmpty() && !QFileInfo(media).isDir()) {
        showMessage(tr("The media folder %1 does not exist.").arg(QDir::toNativeSeparators(media)), true);
        return;
    }
    m_message->hide();
    m_pending->reset();
    Database *db = &m_db;
    auto pending = m_pending;
    m_task->start(tr("Importing %1…").arg(QFileInfo(file).fileName()), [db, file, media, pending](const ProgressCallback &progress) {
        WxrImportOptions options;
        options.mediaDir = media;
        options.progress = progress;
        auto report = WxrImporter(*db).importFile(file, options);
        if (!report)
            return Status::failure(report.error());
        *pending = *report;
        return Status();
    });
    updateButtons();
}

void WxrImportDialog::finish(const Status &status)
{
    updateButtons();
    if (m_task->wasCancelled() && !status) {
        showMessage(tr("The import was cancelled; nothing was written."), false);
        return;
    }
    if (!status) {
        showMessage(tr("Nothing was imported: %1").arg(status.error()), true);
        return;
    }
    m_report = *m_pending;
    showMessage(summary(*m_report), false);
    emit imported(*m_report);
}

void WxrImportDialog::reject()
{
    // Closing while it runs means Cancel: wait for the rollback, then close.
    if (m_task->isRunning()) {
        m_task->cancel();
        m_task->waitForFinished();
    }
    QDialog::reject();
}

} // namespace byline
