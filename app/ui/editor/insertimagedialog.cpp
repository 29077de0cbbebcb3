#include "insertimagedialog.h"

#include "imagelibrarymodel.h"
#include "itemroles.h"

#include "imagerepository.h"
#include "settingsrepository.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace byline {

InsertImageDialog::InsertImageDialog(Database &db, ThumbnailCache &thumbnails, QWidget *parent)
    : QDialog(parent), m_db(db), m_model(new ImageLibraryModel(db, thumbnails, this)),
      m_proxy(new QSortFilterProxyModel(this)), m_search(new QLineEdit(this)), m_list(new QListView(this)),
      m_align(new QComboBox(this)), m_width(new QSpinBox(this))
{
    setWindowTitle(tr("Insert Image"));
    m_model->setThumbnailSize(QSize(96, 72));
    m_proxy->setSourceModel(m_model);
    m_list->setModel(m_proxy);
    m_list->setViewMode(QListView::IconMode);
    m_list->setIconSize(QSize(96, 72));
    m_list->setGridSize(QSize(120, 110));
    m_list->setResizeMode(QListView::Adjust);
    m_list->setAccessibleName(tr("Library images"));
    m_search->setPlaceholderText(tr("Search caption or credit…"));
    m_search->setAccessibleName(tr("Search images"));
    for (const auto &[label, key] : {std::pair{tr("Centre"), "center"}, std::pair{tr("None"), "none"},
                                     std::pair{tr("Left"), "left"}, std::pair{tr("Right"), "right"}})
        m_align->addItem(label, QString::fromLatin1(key));
    m_align->setAccessibleName(tr("Align"));
    m_width->setRange(50, 10000);
    m_width->setSuffix(tr(" px"));
    m_width->setAccessibleName(tr("Width"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Align"), m_align);
    form->addRow(tr("&Width"), m_width);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The library is searched by the database (caption, credit, title as word prefixes, or a
    // part of the file name), so images not fetched yet are found too.
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) { m_model->setSearchText(t.trimmed()); });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &InsertImageDialog::chosenChanged);
    connect(m_list, &QListView::activated, this, &QDialog::accept);
    resize(720, 560);
}

void InsertImageDialog::chosenChanged()
{
    const QModelIndex i = m_list->currentIndex();
    if (!i.isValid())
        return;
    const Image &m = m_model->imageAt(m_proxy->mapToSource(i).row());
    m_width->setValue(std::min(m.width, 1200)); // a column never needs more; never upscale
    m_width->setMaximum(std::max(50, m.width));
}

CreditStyle InsertImageDialog::styleFromSetting(const QString &houseStyle)
{
    return creditStyleFromHouseStyle(houseStyle);
}

QString InsertImageDialog::shortcode() const
{
    const QModelIndex i = m_list->currentIndex();
    if (!i.isValid())
        return {};
    const Image &m = m_model->imageAt(m_proxy->mapToSource(i).row());
    SettingsRepository settings(m_db);
    const QString base = settings.value(settingkeys::kBaseUrl).valueOr({});
    ImageInsert insert;
    insert.attachmentId = int(m.wpAttachmentId);
    insert.src = QString(base + QStringLiteral("/wp-content/uploads/") + m.originalFileName);
    insert.alt = m.altText;
    insert.width = m_width->value();
    insert.height = m.width > 0 ? int(qint64(m.height) * insert.width / m.width) : 0;
    insert.align = m_align->currentData().toString();
    insert.caption = m.caption;
    insert.credit = m.creditLine;
    insert.creditStyle = styleFromSetting(settings.value(settingkeys::kCreditStyle, QStringLiteral("Image: {credit}"))
                                              .valueOr(QStringLiteral("Image: {credit}")));
    return captionShortcodeForImage(insert);
}

} // namespace byline
