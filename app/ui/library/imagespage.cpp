#include "imagespage.h"

#include "imagelibrarymodel.h"
#include "itemroles.h"
#include "thumbnailcache.h"

#include "articlerepository.h"
#include "imageimporter.h"
#include "imagerepository.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace byline {

namespace {

// The local files among dropped URLs; a drop carrying none is not for the library.
QStringList localFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    return files;
}

} // namespace

ImagesPage::ImagesPage(Database &db, ThumbnailCache &thumbnails, QWidget *parent)
    : QWidget(parent), m_db(db), m_model(new ImageLibraryModel(db, thumbnails, this, ImageLibraryModel::Loading::WhenAsked)),
      m_grid(new QListView(this)), m_search(new QLineEdit(this)), m_order(new QComboBox(this)),
      m_lacking(new QCheckBox(tr("Only images lacking a credit or alt text"), this)),
      m_side(new QStackedWidget(this)), m_info(new QLabel(this)), m_title(new QLineEdit(this)),
      m_caption(new QPlainTextEdit(this)), m_description(new QPlainTextEdit(this)), m_credit(new QLineEdit(this)),
      m_creator(new QLineEdit(this)), m_copyright(new QLineEdit(this)), m_alt(new QLineEdit(this)),
      m_whereUsed(new QListWidget(this)), m_bulkInfo(new QLabel(this)), m_bulkCredit(new QLineEdit(this)),
      m_bulkCreator(new QLineEdit(this)), m_bulkCopyright(new QLineEdit(this))
{
    m_grid->setModel(m_model);
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setIconSize(QSize(160, 120));
    m_grid->setGridSize(QSize(180, 160));
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setWordWrap(true);
    m_grid->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_grid->setAccessibleName(tr("Image library"));
    m_search->setPlaceholderText(tr("Search caption, credit, creator…"));
    m_search->setAccessibleName(tr("Search images"));
    m_search->setClearButtonEnabled(true);
    m_order->addItem(tr("Newest first"), int(ImageQuery::Order::NewestFirst));
    m_order->addItem(tr("Oldest first"), int(ImageQuery::Order::OldestFirst));
    m_order->addItem(tr("By title"), int(ImageQuery::Order::Title));
    m_order->setAccessibleName(tr("Order of the images"));
    // The order chosen last time; the model starts in it.
    const int savedOrder = m_order->findData(QSettings().value(QStringLiteral("library/imageOrder"), 0).toInt());
    if (savedOrder > 0) {
        m_order->setCurrentIndex(savedOrder);
        m_model->setOrder(ImageQuery::Order(m_order->currentData().toInt()));
    }
    // Files dropped anywhere on the page, the grid included, are imported by the page.
    m_grid->setAcceptDrops(false);
    m_grid->viewport()->setAcceptDrops(false);
    setAcceptDrops(true);

    auto *importButton = new QPushButton(tr("Import Images…"), this);
    auto *top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_order);
    top->addWidget(m_lacking);
    top->addWidget(importButton);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(top);
    leftLayout->addWidget(m_grid, 1);

    // One image.
    auto *single = new QWidget(this);
    auto *form = new QFormLayout(single);
    m_info->setWordWrap(true);
    m_caption->setFixedHeight(m_caption->fontMetrics().lineSpacing() * 3 + 12);
    m_description->setFixedHeight(m_description->fontMetrics().lineSpacing() * 3 + 12);
    const std::pair<QWidget *, QString> names[] = {
        {m_title, tr("Title")},           {m_caption, tr("Caption")},     {m_description, tr("Description")},
        {m_credit, tr("Credit line")},    {m_creator, tr("Creator")},     {m_copyright, tr("Copyright notice")},
        {m_alt, tr("Alt text")},
    };
    for (const auto &[w, n] : names)
        w->setAccessibleName(n);
    m_credit->setPlaceholderText(tr("Who is credited, e.g. Steppe Ledger"));
    m_creator->setPlaceholderText(tr("Who took it"));
    form->addRow(m_info);
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("Ca&ption"), m_caption);
    form->addRow(tr("&Description"), m_description);
    form->addRow(tr("C&redit line"), m_credit);
    form->addRow(tr("Crea&tor"), m_creator);
    form->addRow(tr("Co&pyright"), m_copyright);
    form->addRow(tr("&Alt text"), m_alt);
    auto *save = new QPushButton(tr("Save Image Details"), single);
    form->addRow(save);
    m_whereUsed->setAccessibleName(tr("Where used"));
    form->addRow(tr("Where used"), m_whereUsed);

    // Many images.
    auto *bulk = new QWidget(this);
    auto *bulkForm = new QFormLayout(bulk);
    m_bulkInfo->setWordWrap(true);
    m_bulkCredit->setAccessibleName(tr("Credit line for all selected"));
    m_bulkCreator->setAccessibleName(tr("Creator for all selected"));
    m_bulkCopyright->setAccessibleName(tr("Copyright for all selected"));
    bulkForm->addRow(m_bulkInfo);
    bulkForm->addRow(tr("Credit line"), m_bulkCredit);
    bulkForm->addRow(tr("Creator"), m_bulkCreator);
    bulkForm->addRow(tr("Copyright"), m_bulkCopyright);
    auto *apply = new QPushButton(tr("Apply to Selected Images"), bulk);
    bulkForm->addRow(apply);

    m_side->addWidget(new QLabel(tr("Select an image to edit its details, or several to credit them at once."), this));
    m_side->addWidget(single);
    m_side->addWidget(bulk);

    auto *split = new QSplitter(this);
    split->addWidget(left);
    split->addWidget(m_side);
    split->setSizes({800, 420});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) { m_model->setSearchText(t.trimmed()); });
    connect(m_lacking, &QCheckBox::toggled, m_model, &ImageLibraryModel::setLackingOnly);
    connect(m_order, &QComboBox::currentIndexChanged, this,
            [this] {
                m_model->setOrder(ImageQuery::Order(m_order->currentData().toInt()));
                QSettings().setValue(QStringLiteral("library/imageOrder"), m_order->currentData().toInt());
            });
    connect(m_model, &ImageLibraryModel::loadFailed, this,
            [this](const QString &why) { emit status(tr("The library could not be read: %1").arg(why)); });
    connect(importButton, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Import Images"), QString(),
                                                                tr("Images (*.jpg *.jpeg *.png *.webp)"));
        if (!files.isEmpty())
            importFiles(files);
    });
    connect(m_grid->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ImagesPage::selectionChanged);
    connect(save, &QPushButton::clicked, this, &ImagesPage::saveImage);
    connect(apply, &QPushButton::clicked, this, &ImagesPage::applyBulk);
    connect(m_whereUsed, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit openArticle(item->data(Qt::UserRole).toLongLong()); });
}

QList<qint64> ImagesPage::selectedIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &i : m_grid->selectionModel()->selectedIndexes())
        ids << i.data(IdRole).toLongLong();
    return ids;
}

void ImagesPage::selectionChanged()
{
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty()) {
        m_side->setCurrentIndex(0);
    } else if (ids.size() == 1) {
        showImage(ids.first());
        m_side->setCurrentIndex(1);
    } else {
        m_bulkInfo->setText(tr("%n images selected. Fields left empty are not changed.", nullptr, int(ids.size())));
        m_side->setCurrentIndex(2);
    }
}

void ImagesPage::showImage(qint64 id)
{
    const auto image = ImageRepository(m_db).get(id);
    if (!image)
        return;
    m_shownId = id;
    const Image &m = *image;
    m_info->setText(tr("<b>%1</b><br>%2 × %3 px · %4 · attachment %5")
                        .arg(m.originalFileName.toHtmlEscaped())
                        .arg(m.width)
                        .arg(m.height)
                        .arg(m.mimeType)
                        .arg(m.wpAttachmentId));
    m_title->setText(m.title);
    m_caption->setPlainText(m.caption);
    m_description->setPlainText(m.description);
    m_credit->setText(m.creditLine);
    m_creator->setText(m.creator);
    m_copyright->setText(m.copyrightNotice);
    m_alt->setText(m.altText);
    m_whereUsed->clear();
    for (const ArticleSummary &s : ArticleRepository(m_db).usingImage(m.id, m.wpAttachmentId).valueOr({})) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(s.title, statusLabel(s.status)), m_whereUsed);
        item->setData(Qt::UserRole, s.id);
    }
    if (m_whereUsed->count() == 0)
        m_whereUsed->addItem(tr("Not used in any article"));
}

bool ImagesPage::saveImage()
{
    auto image = ImageRepository(m_db).get(m_shownId);
    if (!image)
        return false;
    Image m = *image;
    m.title = m_title->text();
    m.caption = m_caption->toPlainText();
    m.description = m_description->toPlainText();
    m.creditLine = m_credit->text().trimmed();
    m.creator = m_creator->text().trimmed();
    m.copyrightNotice = m_copyright->text().trimmed();
    m.altText = m_alt->text().trimmed();
    if (Status s = ImageRepository(m_db).update(m); !s) {
        emit status(tr("Not saved: %1").arg(s.error()));
        return false;
    }
    const qint64 id = m.id;
    m_model->reload();
    const int row = m_model->rowOf(id);
    if (row >= 0)
        m_grid->setCurrentIndex(m_model->index(row));
    emit libraryChanged();
    emit status(tr("Saved the details of %1").arg(m.originalFileName));
    return true;
}

void ImagesPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_model->load();
}

int ImagesPage::applyBulk()
{
    const QList<qint64> ids = selectedIds();
    const QString credit = m_bulkCredit->text().trimmed();
    const QString creator = m_bulkCreator->text().trimmed();
    const QString copyright = m_bulkCopyright->text().trimmed();
    if (ids.isEmpty() || (credit.isEmpty() && creator.isEmpty() && copyright.isEmpty()))
        return 0;
    // Empty fields are passed as null: left as they are.
    if (Status s = ImageRepository(m_db).setCredits(ids, credit.isEmpty() ? QString() : credit,
                                                    creator.isEmpty() ? QString() : creator,
                                                    copyright.isEmpty() ? QString() : copyright);
        !s) {
        emit status(tr("Nothing changed: %1").arg(s.error()));
        return 0;
    }
    m_model->reload();
    emit libraryChanged();
    emit status(tr("Updated %n image(s)", nullptr, int(ids.size())));
    return int(ids.size());
}

void ImagesPage::importFiles(const QStringList &paths)
{
    const ImageImporter::Outcome out = ImageImporter(m_db).importFiles(paths);
    m_model->reload();
    QStringList parts;
    if (!out.added.isEmpty())
        parts << tr("%n image(s) added", nullptr, int(out.added.size()));
    if (!out.duplicates.isEmpty())
        parts << tr("%n already in the library", nullptr, int(out.duplicates.size()));
    if (!out.problems.isEmpty())
        parts << tr("refused: %1").arg(out.problems.join(QLatin1String("; ")));
    emit status(parts.join(QLatin1String(" · ")));
    emit libraryChanged();
    const qint64 first = !out.added.isEmpty() ? out.added.first() : !out.duplicates.isEmpty() ? out.duplicates.first() : 0;
    const int row = m_model->rowOf(first);
    if (row >= 0)
        m_grid->setCurrentIndex(m_model->index(row));
}

void ImagesPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImagesPage::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImagesPage::dropEvent(QDropEvent *event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

} // namespace byline
