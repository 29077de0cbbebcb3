#pragma once

#include "exporter.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace byline {

class BackgroundTask;
class Database;

// File > Export…: a format from the exporter registry (WXR, HTML, ninjs), what to take
// (everything, one status, since a date, or what changed since the last export in that
// format) and the folder the export becomes. It runs off the window's thread; Cancel discards
// the staging folder, so the previous export in that folder stays as it was.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Scope { Everything, Status, Since, ChangedSinceLastExport };

    explicit ExportDialog(Database &db, QWidget *parent = nullptr);
    ~ExportDialog() override;

    QComboBox *formatBox() const { return m_format; }
    QComboBox *statusBox() const { return m_status; }
    QDateEdit *sinceEdit() const { return m_since; }
    QLineEdit *folderEdit() const { return m_folder; }
    QRadioButton *scopeButton(Scope scope) const;
    QPushButton *exportButton() const { return m_export; }
    BackgroundTask *task() const { return m_task; }
    QString messageText() const;
    const std::optional<ExportReport> &lastReport() const { return m_report; }

    // The request the dialog's fields describe (without progress).
    ExportRequest request() const;
    QString formatId() const;

    // Close: while an import or export runs, it is cancelled first (and waited for).
    void reject() override;

signals:
    void exported(const byline::ExportReport &report);

private:
    void chooseFolder();
    void start();
    void finish(const Status &status);
    void showMessage(const QString &text, bool error);
    void updateFields();

    Database &m_db;
    QComboBox *m_format;
    QRadioButton *m_everything;
    QRadioButton *m_byStatus;
    QRadioButton *m_bySince;
    QRadioButton *m_changed;
    QComboBox *m_status;
    QDateEdit *m_since;
    QLineEdit *m_folder;
    QPushButton *m_export;
    QLabel *m_message;
    BackgroundTask *m_task;
    std::shared_ptr<std::optional<ExportReport>> m_pending;
    std::optional<ExportReport> m_report;
};

} // namespace byline
