#include "settingsdialog.h"

#include "settingsrepository.h"
#include "workflowrepository.h"

#include "workflow/newsroomtime.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStringListModel>
#include <QTimeZone>
#include <QUrl>
#include <QVBoxLayout>

namespace byline {

namespace {

const QString kDefaultCreditStyle = QStringLiteral("Image: {credit}");
constexpr int kDefaultSlotMinutes = 60;

QStringList zoneIds()
{
    QStringList ids;
    const QList<QByteArray> available = QTimeZone::availableTimeZoneIds();
    ids.reserve(available.size());
    for (const QByteArray &id : available)
        ids << QString::fromUtf8(id);
    // The system's own zone may be an alias the list leaves out ("Etc/UTC").
    const QString system = SettingsRepository::systemTimeZoneId();
    if (!ids.contains(system))
        ids << system;
    if (!ids.contains(QStringLiteral("UTC")))
        ids << QStringLiteral("UTC");
    ids.sort();
    return ids;
}

} // namespace

SettingsDialog::SettingsDialog(Database &db, QWidget *parent)
    : QDialog(parent)
    , m_db(db)
    , m_zones(new QStringListModel(zoneIds(), this))
    , m_zoneProxy(new QSortFilterProxyModel(this))
    , m_zoneFilter(new QLineEdit(this))
    , m_zoneList(new QListView(this))
    , m_zoneNow(new QLabel(this))
    , m_slot(new QSpinBox(this))
    , m_credit(new QComboBox(this))
    , m_baseUrl(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_role(new QComboBox(this))
    , m_backupFolder(new QLineEdit(this))
    , m_backupsKept(new QSpinBox(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Preferences"));
    setObjectName(QStringLiteral("settingsDialog"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 80);

    m_zoneProxy->setSourceModel(m_zones);
    m_zoneProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_zoneList->setModel(m_zoneProxy);
    m_zoneList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_zoneList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_zoneList->setAccessibleName(tr("Time zones"));
    m_zoneList->setMinimumHeight(m_zoneList->fontMetrics().lineSpacing() * 8);
    m_zoneFilter->setPlaceholderText(tr("Search, e.g. Almaty or New_York"));
    m_zoneFilter->setAccessibleName(tr("Search time zones"));
    m_zoneFilter->setClearButtonEnabled(true);
    m_zoneNow->setAccessibleName(tr("Selected time zone"));
    m_zoneNow->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    connect(m_zoneFilter, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString keep = selectedZone();
        // Spaces stand for the underscores of IANA ids: "new york" finds America/New_York.
        m_zoneProxy->setFilterFixedString(QString(text.trimmed()).replace(QLatin1Char(' '),
                                                                          QLatin1Char('_')));
        if (m_zoneProxy->rowCount() == 1)
            m_zoneList->setCurrentIndex(m_zoneProxy->index(0, 0));
        else if (!keep.isEmpty()) {
            const QModelIndexList hit =
                m_zoneProxy->match(m_zoneProxy->index(0, 0), Qt::DisplayRole, keep, 1,
                                   Qt::MatchExactly);
            if (!hit.isEmpty())
                m_zoneList->setCurrentIndex(hit.first());
        }
        showZoneNow();
    });
    connect(m_zoneList->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &SettingsDialog::showZoneNow);

    m_slot->setRange(5, 24 * 60);
    m_slot->setSingleStep(5);
    m_slot->setSuffix(tr(" min"));
    m_slot->setAccessibleName(tr("Schedule slot length"));
    m_credit->setEditable(true);
    m_credit->addItems({kDefaultCreditStyle, QStringLiteral("Photo: {credit}"),
                        QStringLiteral("Photos: {credit}"), QStringLiteral("Credit: {credit}"),
                        QStringLiteral("\u00a9 {credit}")});
    m_credit->setAccessibleName(tr("House credit style"));
    m_baseUrl->setPlaceholderText(QStringLiteral("https://news.example.kz/"));
    m_baseUrl->setAccessibleName(tr("Site base URL"));

    m_name->setAccessibleName(tr("Your name"));
    for (DeskRole r : {DeskRole::Editor, DeskRole::PhotoDesk, DeskRole::WebTeam})
        m_role->addItem(roleLabel(r), roleKey(r));
    m_role->setAccessibleName(tr("Your desk"));
    m_backupFolder->setAccessibleName(tr("Backup folder"));
    auto *browse = new QPushButton(tr("Choose…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Backup Folder"),
                                                              m_backupFolder->text());
        if (!dir.isEmpty())
            m_backupFolder->setText(QDir::toNativeSeparators(dir));
    });
    m_backupsKept->setRange(0, UserSettings::kMaxBackupsKept);
    m_backupsKept->setSpecialValueText(tr("off"));
    m_backupsKept->setAccessibleName(tr("Backups kept"));
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *newsroom = new QGroupBox(tr("This newsroom (shared by everyone who opens it)"), this);
    auto *newsroomForm = new QFormLayout(newsroom);
    auto *zoneBox = new QVBoxLayout;
    zoneBox->addWidget(m_zoneFilter);
    zoneBox->addWidget(m_zoneList);
    zoneBox->addWidget(m_zoneNow);
    auto *zoneLabel = new QLabel(tr("&Time zone"), this);
    zoneLabel->setBuddy(m_zoneFilter);
    newsroomForm->addRow(zoneLabel, zoneBox);
    newsroomForm->addRow(tr("Schedule &slot"), m_slot);
    newsroomForm->addRow(tr("&Credit style"), m_credit);
    newsroomForm->addRow(tr("Site &base URL"), m_baseUrl);
    for (QWidget *w : {static_cast<QWidget *>(m_slot), static_cast<QWidget *>(m_credit),
                       static_cast<QWidget *>(m_baseUrl)}) {
        if (auto *label = qobject_cast<QLabel *>(newsroomForm->labelForField(w)))
            label->setBuddy(w);
    }

    auto *user = new QGroupBox(tr("You, at this computer"), this);
    auto *userForm = new QFormLayout(user);
    userForm->addRow(tr("&Name"), m_name);
    userForm->addRow(tr("&Desk"), m_role);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_backupFolder, 1);
    folderRow->addWidget(browse);
    auto *folderLabel = new QLabel(tr("Backup &folder"), this);
    folderLabel->setBuddy(m_backupFolder);
    userForm->addRow(folderLabel, folderRow);
    userForm->addRow(tr("Backups &kept"), m_backupsKept);
    for (QWidget *w : {static_cast<QWidget *>(m_name), static_cast<QWidget *>(m_role),
                       static_cast<QWidget *>(m_backupsKept)}) {
        if (auto *label = qobject_cast<QLabel *>(userForm->labelForField(w)))
            label->setBuddy(w);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(newsroom, 1);
    layout->addWidget(user);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (apply())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { apply(); });
    load();
}

void SettingsDialog::load()
{
    SettingsRepository settings(m_db);
    selectZone(settings.newsroomTime().zoneId());
    bool ok = false;
    const int slot = settings.value(settingkeys::kScheduleSlotMinutes).valueOr({}).toInt(&ok);
    m_slot->setValue(ok && slot > 0 ? slot : kDefaultSlotMinutes);
    m_credit->setCurrentText(
        settings.value(settingkeys::kCreditStyle, kDefaultCreditStyle).valueOr(kDefaultCreditStyle));
    m_baseUrl->setText(settings.value(settingkeys::kBaseUrl).valueOr({}));

    const UserSettings user = UserSettings::load();
    m_name->setText(user.name);
    m_role->setCurrentIndex(m_role->findData(roleKey(user.role)));
    m_backupFolder->setText(QDir::toNativeSeparators(user.backupFolder));
    m_backupsKept->setValue(user.backupsKept);
}

QString SettingsDialog::selectedZone() const
{
    const QModelIndex i = m_zoneList->currentIndex();
    return i.isValid() ? i.data().toString() : QString();
}

bool SettingsDialog::selectZone(const QString &ianaId)
{
    QModelIndexList hit = m_zoneProxy->match(m_zoneProxy->index(0, 0), Qt::DisplayRole, ianaId,
                                             1, Qt::MatchExactly);
    if (hit.isEmpty() && !m_zoneFilter->text().isEmpty()) {
        m_zoneFilter->clear();
        hit = m_zoneProxy->match(m_zoneProxy->index(0, 0), Qt::DisplayRole, ianaId, 1,
                                 Qt::MatchExactly);
    }
    if (hit.isEmpty() && NewsroomTime::fromIanaId(ianaId)) {
        // A zone this system knows but does not list (an alias): offer it all the same.
        QStringList ids = m_zones->stringList();
        ids << ianaId;
        ids.sort();
        m_zones->setStringList(ids);
        hit = m_zoneProxy->match(m_zoneProxy->index(0, 0), Qt::DisplayRole, ianaId, 1,
                                 Qt::MatchExactly);
    }
    if (hit.isEmpty())
        return false;
    m_zoneList->setCurrentIndex(hit.first());
    m_zoneList->scrollTo(hit.first(), QAbstractItemView::PositionAtCenter);
    showZoneNow();
    return true;
}

void SettingsDialog::showZoneNow()
{
    const QString id = selectedZone();
    const Result<NewsroomTime> time = NewsroomTime::fromIanaId(id);
    if (id.isEmpty() || !time) {
        m_zoneNow->setText(tr("Choose a time zone from the list."));
        return;
    }
    m_zoneNow->setText(tr("Now: %1").arg(time->sideBySide(QDateTime::currentDateTimeUtc())));
    m_zoneNow->setToolTip(m_zoneNow->text());
}

QString SettingsDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

Status SettingsDialog::apply()
{
    QStringList problems;
    const QString zone = selectedZone();
    if (zone.isEmpty() || !NewsroomTime::fromIanaId(zone))
        problems << tr("Time zone: choose one from the list.");
    const QString credit = m_credit->currentText().trimmed();
    if (!credit.contains(QLatin1String("{credit}")))
        problems << tr("Credit style: \"%1\" must contain {credit}, where the credit goes.")
                        .arg(credit);
    const QString base = m_baseUrl->text().trimmed();
    if (!base.isEmpty()) {
        const QUrl url(base, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
            problems << tr("Site base URL: \"%1\" is not an http or https address such as "
                           "https://news.example.kz/.")
                            .arg(base);
    }
    const QString name = m_name->text().simplified();
    if (name.isEmpty())
        problems << tr("Name: say who you are; it is written into the history.");
    const QString folder = m_backupFolder->text().trimmed();
    if (m_backupsKept->value() > 0 && folder.isEmpty())
        problems << tr("Backup folder: choose one, or set backups kept to off.");
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        m_error->show();
        return Status::failure(problems.join(QLatin1Char(' ')));
    }

    const Status stored = SettingsRepository(m_db).setValues(
        {{settingkeys::kTimeZone, zone},
         {settingkeys::kScheduleSlotMinutes, QString::number(m_slot->value())},
         {settingkeys::kCreditStyle, credit},
         {settingkeys::kBaseUrl, base}});
    if (!stored) {
        m_error->setText(tr("The newsroom's settings were not saved: %1").arg(stored.error()));
        m_error->show();
        return stored;
    }
    UserSettings user;
    user.name = name;
    user.role = roleFromKey(m_role->currentData().toString()).value_or(DeskRole::Editor);
    user.backupFolder = QDir::fromNativeSeparators(folder);
    user.backupsKept = m_backupsKept->value();
    user.store();
    m_error->hide();
    m_error->clear();
    emit applied();
    return {};
}

} // namespace byline
