#pragma once

#include "wxrimporter.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace byline {

class BackgroundTask;
class Database;

// File > Import WordPress Export…: a WXR file and, optionally, the folder holding its media.
// The import runs off the window's thread in one transaction; Cancel rolls it back, so a
// cancelled or refused import leaves the newsroom exactly as it was. The outcome (counts, or
// the reason with line and column) is shown in the dialog.
class WxrImportDialog : public QDialog
{
    Q_OBJECT
public:
    explicit WxrImportDialog(Database &db, QWidget *parent = nullptr);
    ~WxrImportDialog() override;

    QLineEdit *fileEdit() const { return m_file; }
    QLineEdit *mediaEdit() const { return m_media; }
    QPushButton *importButton() const { return m_import; }
    BackgroundTask *task() const { return m_task; }
    // What the last import said: its summary, or why it failed or stopped.
    QString messageText() const;
    const std::optional<WxrImportReport> &lastReport() const { return m_report; }

    // "Imported 3 posts, 1 page, …" for the dialog and the status bar.
    static QString summary(const WxrImportReport &report);

    // Close: while an import or export runs, it is cancelled first (and waited for).
    void reject() override;

signals:
    // After a completed import, so the window can refresh its lists.
    void imported(const byline::WxrImportReport &report);

private:
    void chooseFile();
    void chooseMedia();
    void start();
    void finish(const Status &status);
    void showMessage(const QString &text, bool error);
    void updateButtons();

    Database &m_db;
    QLineEdit *m_file;
    QLineEdit *m_media;
    QPushButton *m_import;
    QLabel *m_message;
    BackgroundTask *m_task;
    std::shared_ptr<std::optional<WxrImportReport>> m_pending;
    std::optional<WxrImportReport> m_report;
};

} // namespace byline
