#include "authorspage.h"

#include "authorlistmodel.h"
#include "thumbnailcache.h"

#include "articlerepository.h"
#include "authorrepository.h"
#include "imageimporter.h"
#include "imagerepository.h"

#include "domain/slug.h"

#include <QDragEnterEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace byline {

AuthorsPage::AuthorsPage(Database &db, ThumbnailCache &thumbnails, QWidget *parent)
    : QWidget(parent), m_db(db), m_thumbnails(thumbnails), m_model(new AuthorListModel(db, thumbnails, this)),
      m_list(new QListView(this)), m_search(new QLineEdit(this)), m_name(new QLineEdit(this)), m_slug(new QLineEdit(this)),
      m_role(new QLineEdit(this)), m_bio(new QPlainTextEdit(this)), m_email(new QLineEdit(this)),
      m_links(new QPlainTextEdit(this)), m_avatar(new QLabel(this)), m_articles(new QListWidget(this))
{
    m_list->setModel(m_model);
    m_list->setIconSize(QSize(40, 40));
    m_list->setAccessibleName(tr("Authors"));
    m_list->setUniformItemSizes(true);
    m_search->setPlaceholderText(tr("Search name, role, biography…"));
    m_search->setAccessibleName(tr("Search authors"));
    m_search->setClearButtonEnabled(true);
    m_name->setAccessibleName(tr("Name"));
    m_slug->setAccessibleName(tr("Slug"));
    m_role->setAccessibleName(tr("Role line"));
    m_role->setPlaceholderText(tr("e.g. Regional Editor and Contributor"));
    m_bio->setAccessibleName(tr("Biography"));
    m_email->setAccessibleName(tr("Email"));
    m_links->setAccessibleName(tr("Links"));
    m_links->setPlaceholderText(tr("One per line: Label | https://…"));
    m_links->setFixedHeight(m_links->fontMetrics().lineSpacing() * 3 + 12);
    m_avatar->setFixedSize(96, 96);
    m_avatar->setAlignment(Qt::AlignCenter);
    m_avatar->setFrameShape(QFrame::StyledPanel);
    m_avatar->setAccessibleName(tr("Avatar"));
    m_avatar->setToolTip(tr("Drop an image file here to use it as the avatar"));
    m_avatar->setAcceptDrops(true);
    m_avatar->installEventFilter(this);
    m_articles->setAccessibleName(tr("The author's articles"));

    auto *save = new QPushButton(tr("Save Profile"), this);
    auto *add = new QPushButton(tr("New Author"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("S&lug"), m_slug);
    form->addRow(tr("&Role line"), m_role);
    form->addRow(tr("&Email"), m_email);
    form->addRow(tr("&Biography"), m_bio);
    form->addRow(tr("Lin&ks"), m_links);
    form->addRow(tr("Avatar"), m_avatar);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addStretch();
    buttons->addWidget(save);
    auto *editor = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editor);
    editorLayout->addLayout(form);
    editorLayout->addLayout(buttons);
    editorLayout->addWidget(new QLabel(tr("Articles by this author"), this));
    editorLayout->addWidget(m_articles, 1);

    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_search);
    listLayout->addWidget(m_list, 1);
    auto *split = new QSplitter(this);
    split->addWidget(listSide);
    split->addWidget(editor);
    split->setSizes({280, 700});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showAuthor(current.row()); });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) { m_model->setSearchText(t.trimmed()); });
    connect(m_model, &AuthorListModel::loadFailed, this,
            [this](const QString &why) { emit status(tr("The authors could not be read: %1").arg(why)); });
    connect(save, &QPushButton::clicked, this, &AuthorsPage::saveProfile);
    connect(add, &QPushButton::clicked, this, &AuthorsPage::newAuthor);
    connect(m_name, &QLineEdit::textEdited, this, [this](const QString &name) {
        if (m_authorId == 0)
            m_slug->setText(slugify(name));
    });
    connect(m_articles, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { emit openArticle(item->data(Qt::UserRole).toLongLong()); });
    connect(&m_thumbnails, &ThumbnailCache::ready, this, [this](qint64 id) {
        if (id == m_avatarId)
            showAvatar();
    });
}

AuthorsPage::~AuthorsPage() = default;

void AuthorsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The first author is shown when the page is first shown, not when it is built: an
    // author's article list is a query over the archive that opening a newsroom need not wait for.
    if (m_firstShow && !m_list->currentIndex().isValid() && m_model->rowCount() > 0)
        m_list->setCurrentIndex(m_model->index(0));
    m_firstShow = false; // later shows keep whatever is on the page, a new author being typed too
}

void AuthorsPage::showAuthor(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const auto loaded = AuthorRepository(m_db).get(m_model->authorAt(row).id);
    if (!loaded) {
        emit status(loaded.error());
        return;
    }
    const Author &a = *loaded;
    m_authorId = a.id;
    m_name->setText(a.displayName);
    m_slug->setText(a.slug);
    m_role->setText(a.roleLine);
    m_bio->setPlainText(a.bio);
    m_email->setText(a.email);
    QStringList links;
    for (const AuthorLink &l : a.links)
        links << QStringLiteral("%1 | %2").arg(l.label, l.url);
    m_links->setPlainText(links.join(QLatin1Char('\n')));
    m_avatarId = a.avatarImageId;
    showAvatar();
    m_articles->clear();
    ArticleQuery q;
    q.authorId = a.id;
    const auto rows = ArticleRepository(m_db).page(q, 0, 500);
    for (const ArticleSummary &s : rows.valueOr({})) {
        auto *item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(s.title, statusLabel(s.status)), m_articles);
        item->setData(Qt::UserRole, s.id);
    }
}

void AuthorsPage::showAvatar()
{
    if (m_avatarId <= 0) {
        m_avatar->setPixmap({});
        m_avatar->setText(tr("No avatar"));
        return;
    }
    const auto image = ImageRepository(m_db).get(m_avatarId);
    const QImage thumb = image ? m_thumbnails.thumbnail(m_avatarId, image->sha256, QSize(96, 96)) : QImage();
    if (thumb.isNull()) {
        m_avatar->setText(tr("Loading…"));
        return;
    }
    m_avatar->setPixmap(QPixmap::fromImage(thumb));
}

void AuthorsPage::setAvatar(qint64 imageId)
{
    m_avatarId = imageId;
    showAvatar();
}

void AuthorsPage::newAuthor()
{
    m_list->clearSelection();
    m_authorId = 0;
    m_avatarId = 0;
    for (QLineEdit *e : {m_name, m_slug, m_role, m_email})
        e->clear();
    m_bio->clear();
    m_links->clear();
    m_articles->clear();
    showAvatar();
    m_name->setFocus();
}

bool AuthorsPage::saveProfile()
{
    Author a;
    if (m_authorId > 0)
        a = AuthorRepository(m_db).get(m_authorId).valueOr(Author());
    a.displayName = m_name->text().trimmed();
    a.slug = m_slug->text().trimmed().isEmpty() ? slugify(a.displayName) : m_slug->text().trimmed();
    a.roleLine = m_role->text().trimmed();
    a.bio = m_bio->toPlainText();
    a.email = m_email->text().trimmed();
    a.avatarImageId = m_avatarId;
    a.links.clear();
    for (const QString &line : m_links->toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const int bar = int(line.indexOf(QLatin1Char('|')));
        const QString label = bar < 0 ? QString() : line.left(bar).trimmed();
        const QString url = (bar < 0 ? line : line.mid(bar + 1)).trimmed();
        if (!url.isEmpty())
            a.links.append({label, url});
    }
    if (a.displayName.isEmpty() || a.slug.isEmpty()) {
        m_lastError = tr("An author needs a name.");
        emit status(m_lastError);
        return false;
    }
    AuthorRepository repo(m_db);
    const Status s = a.id > 0 ? repo.update(a) : repo.insert(a);
    if (!s) {
        m_lastError = s.error();
        emit status(tr("Not saved: %1").arg(s.error()));
        return false;
    }
    m_authorId = a.id;
    m_model->reload();
    m_list->setCurrentIndex(m_model->index(m_model->rowOf(a.id)));
    emit authorsChanged();
    emit status(tr("Saved %1").arg(a.displayName));
    return true;
}

bool AuthorsPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_avatar)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        const QList<QUrl> urls = drag->mimeData()->hasUrls() ? drag->mimeData()->urls() : QList<QUrl>();
        if (!urls.isEmpty() && urls.first().isLocalFile())
            drag->acceptProposedAction();
        else
            drag->ignore();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        const QList<QUrl> urls = drop->mimeData()->hasUrls() ? drop->mimeData()->urls() : QList<QUrl>();
        if (urls.isEmpty() || !urls.first().isLocalFile())
            return true;
        drop->acceptProposedAction();
        avatarDropped(urls.first().toLocalFile());
        return true;
    }
    default:
        return QWidget::eventFilter(watched, event);
    }
}

void AuthorsPage::avatarDropped(const QString &path)
{
    bool duplicate = false;
    const auto id = ImageImporter(m_db).importFile(path, &duplicate);
    if (!id) {
        m_lastError = id.error();
        emit status(tr("No avatar set: %1").arg(id.error()));
        return;
    }
    setAvatar(*id);
    emit status(duplicate ? tr("That image was already in the library; it is used as the avatar.")
                          : tr("Image added to the library and used as the avatar; save the profile to keep it."));
}

} // namespace byline
