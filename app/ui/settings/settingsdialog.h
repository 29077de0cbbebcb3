#pragma once

#include "usersettings.h"

#include "domain/result.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListView;
class QSortFilterProxyModel;
class QSpinBox;
class QStringListModel;

namespace byline {

class Database;

// Edit > Preferences: the newsroom's settings, stored in the newsroom (time zone, schedule
// slot length, house credit style, site address), and this desk's own (name, role, automatic
// backups), kept in QSettings. Apply or OK stores everything that is valid and emits applied();
// anything invalid is named in the dialog and nothing is stored.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Database &db, QWidget *parent = nullptr);

    // Checks and stores what the fields show.
    Status apply();
    QString errorText() const;

    QLineEdit *zoneFilter() const { return m_zoneFilter; }
    QListView *zoneList() const { return m_zoneList; }
    QLabel *zoneNow() const { return m_zoneNow; }
    QString selectedZone() const;
    // Selects the zone in the list (clearing the filter if it hides it); false if unknown.
    bool selectZone(const QString &ianaId);
    QSpinBox *slotMinutes() const { return m_slot; }
    QComboBox *creditStyle() const { return m_credit; }
    QLineEdit *baseUrl() const { return m_baseUrl; }
    QLineEdit *userName() const { return m_name; }
    QComboBox *role() const { return m_role; }
    QLineEdit *backupFolder() const { return m_backupFolder; }
    QSpinBox *backupsKept() const { return m_backupsKept; }
    QDialogButtonBox *buttons() const { return m_buttons; }

signals:
    void applied();

private:
    void load();
    void showZoneNow();

    Database &m_db;
    QStringListModel *m_zones;
    QSortFilterProxyModel *m_zoneProxy;
    QLineEdit *m_zoneFilter;
    QListView *m_zoneList;
    QLabel *m_zoneNow;
    QSpinBox *m_slot;
    QComboBox *m_credit;
    QLineEdit *m_baseUrl;
    QLineEdit *m_name;
    QComboBox *m_role;
    QLineEdit *m_backupFolder;
    QSpinBox *m_backupsKept;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
};

} // namespace byline
