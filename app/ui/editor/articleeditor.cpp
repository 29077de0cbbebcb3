#include "articleeditor.h"

#include "bodyeditor.h"
#include "captionpanel.h"
#include "undosteps.h"

#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"

#include "domain/slug.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTextDocument>
#include <QUndoStack>
#include <QVBoxLayout>

namespace byline {

namespace {
QStringList splitTags(const QString &text)
{
    QStringList out;
    for (const QString &t : text.split(QLatin1Char(','))) {
        const QString tag = t.trimmed();
        if (!tag.isEmpty() && !out.contains(tag))
            out << tag;
    }
    return out;
}
} // namespace

ArticleEditor::ArticleEditor(Database &db, QWidget *parent)
    : QWidget(parent), m_db(db), m_undo(new QUndoStack(this)), m_title(new QLineEdit(this)),
      m_slug(new QLineEdit(this)), m_excerpt(new QPlainTextEdit(this)), m_status(new QComboBox(this)),
      m_tags(new QLineEdit(this)), m_authors(new QListWidget(this)), m_authorChoice(new QComboBox(this)),
      m_body(new BodyEditor(this)), m_statsLabel(new QLabel(this)), m_captions(new CaptionPanel(db, m_body, this)),
      m_findBar(new QWidget(this)), m_find(new QLineEdit(this)), m_replace(new QLineEdit(this))
{
    build();
    setEnabled(false);
}

void ArticleEditor::build()
{
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setAccessibleName(tr("Title"));
    m_title->setPlaceholderText(tr("Headline"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    m_slug->setAccessibleName(tr("Slug"));
    m_slug->setPlaceholderText(tr("made from the title"));
    m_excerpt->setAccessibleName(tr("Excerpt"));
    m_excerpt->setTabChangesFocus(true);
    m_excerpt->setFixedHeight(m_excerpt->fontMetrics().lineSpacing() * 3 + 12);
    for (ArticleStatus s : allStatuses())
        m_status->addItem(statusLabel(s), statusKey(s));
    m_status->setAccessibleName(tr("Status"));
    m_tags->setAccessibleName(tr("Tags"));
    m_tags->setPlaceholderText(tr("comma, separated"));
    m_authors->setAccessibleName(tr("Authors"));
    m_authors->setMaximumHeight(m_authors->fontMetrics().lineSpacing() * 4 + 8);
    m_authorChoice->setAccessibleName(tr("Author to add"));
    m_statsLabel->setObjectName(QStringLiteral("statsLabel"));
    m_statsLabel->setAccessibleName(tr("Word count"));

    auto *addAuthor = new QPushButton(tr("Add"), this);
    auto *removeAuthor = new QPushButton(tr("Remove"), this);
    auto *upAuthor = new QPushButton(tr("Up"), this);
    addAuthor->setAccessibleName(tr("Add author"));
    removeAuthor->setAccessibleName(tr("Remove author"));
    upAuthor->setAccessibleName(tr("Move author up"));
    auto *authorButtons = new QHBoxLayout;
    authorButtons->addWidget(m_authorChoice, 1);
    authorButtons->addWidget(addAuthor);
    authorButtons->addWidget(removeAuthor);
    authorButtons->addWidget(upAuthor);
    auto *authorBox = new QVBoxLayout;
    authorBox->addWidget(m_authors);
    authorBox->addLayout(authorButtons);

    auto *form = new QFormLayout;
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("S&lug"), m_slug);
    form->addRow(tr("E&xcerpt"), m_excerpt);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_status);
    auto *tagsLabel = new QLabel(tr("Ta&gs"), this);
    tagsLabel->setBuddy(m_tags);
    statusRow->addWidget(tagsLabel);
    statusRow->addWidget(m_tags, 1);
    auto *statusLabelWidget = new QLabel(tr("&Status"), this);
    statusLabelWidget->setBuddy(m_status);
    form->addRow(statusLabelWidget, statusRow);
    auto *authorsLabel = new QLabel(tr("&Authors"), this);
    authorsLabel->setBuddy(m_authors);
    form->addRow(authorsLabel, authorBox);
    for (QWidget *w : {static_cast<QWidget *>(m_title), static_cast<QWidget *>(m_slug),
                       static_cast<QWidget *>(m_excerpt)}) {
        if (auto *label = qobject_cast<QLabel *>(form->labelForField(w)))
            label->setBuddy(w);
    }

    m_find->setPlaceholderText(tr("Find"));
    m_find->setAccessibleName(tr("Find"));
    m_replace->setPlaceholderText(tr("Replace with"));
    m_replace->setAccessibleName(tr("Replace with"));
    auto *next = new QPushButton(tr("Next"), m_findBar);
    auto *all = new QPushButton(tr("Replace All"), m_findBar);
    auto *close = new QPushButton(tr("Close"), m_findBar);
    auto *findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_find, 1);
    findLayout->addWidget(next);
    findLayout->addWidget(m_replace, 1);
    findLayout->addWidget(all);
    findLayout->addWidget(close);
    m_findBar->hide();
    connect(next, &QPushButton::clicked, this, &ArticleEditor::findNext);
    connect(m_find, &QLineEdit::returnPressed, this, &ArticleEditor::findNext);
    connect(all, &QPushButton::clicked, this, &ArticleEditor::replaceAll);
    connect(close, &QPushButton::clicked, m_findBar, &QWidget::hide);
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), m_findBar, nullptr, nullptr, Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, m_findBar, [this] {
        m_findBar->hide();
        m_body->setFocus();
    });

    auto *bodySplit = new QSplitter(Qt::Vertical, this);
    bodySplit->addWidget(m_body);
    bodySplit->addWidget(m_captions);
    bodySplit->setStretchFactor(0, 4);
    bodySplit->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_findBar);
    layout->addWidget(bodySplit, 1);
    layout->addWidget(m_statsLabel);

    trackLineEdit(m_title, TitleField, tr("Edit title"));
    trackLineEdit(m_slug, SlugField, tr("Edit slug"));
    trackLineEdit(m_tags, TagsField, tr("Edit tags"));
    connect(m_title, &QLineEdit::textEdited, this, [this](const QString &title) {
        if (!m_slugManual && m_article.id == 0)
            m_slug->setText(slugify(title));
    });
    connect(m_slug, &QLineEdit::textEdited, this, [this] { m_slugManual = true; });

    for (QTextDocument *doc : {m_body->document(), m_excerpt->document()}) {
        const QString label = doc == m_body->document() ? tr("Edit body") : tr("Edit excerpt");
        connect(doc, &QTextDocument::undoCommandAdded, this, [this, doc, label] {
            if (!m_applying)
                m_undo->push(new DocumentStep(doc, label));
        });
    }
    // The text widgets' own Undo keys would bypass the shared history.
    m_body->installEventFilter(this);
    m_excerpt->installEventFilter(this);

    connect(m_status, &QComboBox::activated, this, [this](int index) {
        const QVariant before = m_lastText.value(m_status);
        const QVariant after = m_status->itemData(index);
        if (before == after)
            return;
        m_lastText[m_status] = after.toString();
        m_undo->push(new FieldStep(StatusField, before, after, [this](const QVariant &v) {
            m_status->setCurrentIndex(m_status->findData(v));
            m_lastText[m_status] = v.toString();
        }, tr("Change status")));
    });
    connect(addAuthor, &QPushButton::clicked, this, [this] {
        const qint64 id = m_authorChoice->currentData().toLongLong();
        QList<qint64> ids = shownAuthors();
        if (id <= 0 || ids.contains(id))
            return;
        const QList<qint64> before = ids;
        ids << id;
        showAuthors(ids);
        pushAuthors(before);
    });
    connect(removeAuthor, &QPushButton::clicked, this, [this] {
        const int row = m_authors->currentRow();
        if (row < 0)
            return;
        const QList<qint64> before = shownAuthors();
        QList<qint64> ids = before;
        ids.removeAt(row);
        showAuthors(ids);
        pushAuthors(before);
    });
    connect(upAuthor, &QPushButton::clicked, this, [this] {
        const int row = m_authors->currentRow();
        if (row <= 0)
            return;
        const QList<qint64> before = shownAuthors();
        QList<qint64> ids = before;
        ids.swapItemsAt(row, row - 1);
        showAuthors(ids);
        m_authors->setCurrentRow(row - 1);
        pushAuthors(before);
    });

    for (QLineEdit *edit : {m_title, m_tags})
        connect(edit, &QLineEdit::textChanged, this, [this] {
            if (!m_applying)
                emit metaChanged();
        });
    connect(m_excerpt, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_applying)
            emit metaChanged();
    });
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_applying)
            emit metaChanged();
    });
    connect(m_authors->model(), &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_applying)
            emit metaChanged();
    });
    connect(m_authors->model(), &QAbstractItemModel::rowsRemoved, this, [this] {
        if (!m_applying)
            emit metaChanged();
    });
    connect(m_body, &BodyEditor::parsed, this, &ArticleEditor::updateStats);
    connect(m_body, &BodyEditor::parsed, this, &ArticleEditor::bodyParsed);
    connect(m_undo, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
    reloadAuthorChoices();
}

void ArticleEditor::trackLineEdit(QLineEdit *edit, Field field, const QString &label)
{
    connect(edit, &QLineEdit::textEdited, this, [this, edit, field, label](const QString &text) {
        const QString before = m_lastText.value(edit);
        m_lastText[edit] = text;
        m_undo->push(new FieldStep(field, before, text, [this, edit](const QVariant &v) {
            edit->setText(v.toString());
            m_lastText[edit] = v.toString();
        }, label));
    });
}

void ArticleEditor::pushAuthors(const QList<qint64> &before)
{
    const QList<qint64> after = shownAuthors();
    auto toVariant = [](const QList<qint64> &ids) {
        QVariantList v;
        for (qint64 id : ids)
            v << id;
        return v;
    };
    // Author changes never merge: each add, remove or move is its own step.
    auto *step = new FieldStep(AuthorsField, toVariant(before), toVariant(after), [this](const QVariant &v) {
        QList<qint64> ids;
        for (const QVariant &id : v.toList())
            ids << id.toLongLong();
        showAuthors(ids);
    }, tr("Change authors"), false);
    m_undo->push(step);
}

bool ArticleEditor::eventFilter(QObject *watched, QEvent *event)
{
    if ((watched == m_body || watched == m_excerpt)
        && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool undo = key->matches(QKeySequence::Undo);
        const bool redo = key->matches(QKeySequence::Redo);
        if (undo || redo) {
            if (event->type() == QEvent::KeyPress) {
                if (undo)
                    m_undo->undo();
                else
                    m_undo->redo();
            }
            event->accept();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

QList<qint64> ArticleEditor::shownAuthors() const
{
    QList<qint64> ids;
    for (int i = 0; i < m_authors->count(); ++i)
        ids << m_authors->item(i)->data(Qt::UserRole).toLongLong();
    return ids;
}

void ArticleEditor::showAuthors(const QList<qint64> &ids)
{
    m_authors->clear();
    AuthorRepository repo(m_db);
    for (qint64 id : ids) {
        const auto a = repo.get(id);
        auto *item = new QListWidgetItem(a ? (a->roleLine.isEmpty() ? a->displayName
                                                                    : tr("%1 — %2").arg(a->displayName, a->roleLine))
                                           : tr("(author %1 is missing)").arg(id));
        item->setData(Qt::UserRole, id);
        m_authors->addItem(item);
    }
}

void ArticleEditor::reloadAuthorChoices()
{
    m_authorChoice->clear();
    const auto all = AuthorRepository(m_db).all();
    if (!all)
        return;
    for (const Author &a : *all)
        m_authorChoice->addItem(a.displayName, a.id);
}

void ArticleEditor::showArticle(const Article &article)
{
    m_applying = true;
    m_title->setText(article.title);
    m_title->setCursorPosition(0); // show the start of a long headline
    m_slug->setText(article.slug);
    m_excerpt->setPlainText(article.excerpt);
    m_status->setCurrentIndex(m_status->findData(statusKey(article.status)));
    m_tags->setText(article.tags.join(QLatin1String(", ")));
    showAuthors(article.authorIds);
    m_body->setPlainText(article.body);
    m_lastText[m_title] = article.title;
    m_lastText[m_slug] = article.slug;
    m_lastText[m_tags] = m_tags->text();
    m_lastText[m_status] = statusKey(article.status);
    m_applying = false;
    m_body->reparseNow();
    emit articleShown();
}

void ArticleEditor::loadArticle(const Article &article)
{
    m_article = article;
    m_loaded = true;
    m_slugManual = article.id != 0;
    showArticle(article);
    m_undo->clear();
    setForcedModified(false);
    setEnabled(true);
}

void ArticleEditor::newArticle()
{
    Article a;
    a.status = ArticleStatus::Draft;
    loadArticle(a);
    m_slugManual = false;
    m_title->setFocus();
}

Article ArticleEditor::currentArticle() const
{
    Article a = m_article;
    a.title = m_title->text();
    a.slug = m_slug->text().trimmed();
    a.excerpt = m_excerpt->toPlainText();
    a.body = m_body->toPlainText();
    a.status = statusFromKey(m_status->currentData().toString()).value_or(ArticleStatus::Draft);
    a.tags = splitTags(m_tags->text());
    a.authorIds = shownAuthors();
    return a;
}

bool ArticleEditor::isModified() const
{
    return m_loaded && (m_forcedModified || !m_undo->isClean());
}

void ArticleEditor::setForcedModified(bool on)
{
    const bool was = isModified();
    m_forcedModified = on;
    if (was != isModified())
        emit modifiedChanged(isModified());
}

Status ArticleEditor::save(const QString &savedBy)
{
    if (!m_loaded)
        return Status::failure(tr("no article is open"));
    ArticleRepository repo(m_db);
    Article a = currentArticle();
    if (a.slug.isEmpty())
        a.slug = slugify(a.title);
    if (a.slug.isEmpty())
        return Status::failure(tr("the article needs a title or a slug before it can be saved"));
    const auto taken = repo.slugTaken(a.slug, a.id);
    if (!taken)
        return Status::failure(taken.error());
    if (*taken) {
        if (m_slugManual)
            return Status::failure(tr("another article already uses the slug \"%1\"").arg(a.slug));
        a.slug = uniqueSlug(a.slug, [&](const QString &s) { return repo.slugTaken(s, a.id).valueOr(true); });
    }
    const Status s = a.id == 0 ? repo.insert(a, savedBy) : repo.update(a, savedBy);
    if (!s) {
        if (s.error().startsWith(kConflictPrefix)) {
            const auto theirs = repo.get(a.id);
            if (theirs)
                emit conflict(a, *theirs);
        }
        return s;
    }
    m_article = a;
    if (m_slug->text() != a.slug) {
        m_slug->setText(a.slug);
        m_lastText[m_slug] = a.slug;
    }
    m_slugManual = true;
    m_undo->setClean();
    setForcedModified(false);
    emit saved(a.id);
    return {};
}

Status ArticleEditor::overwrite(const QString &savedBy)
{
    const auto theirs = ArticleRepository(m_db).get(m_article.id);
    if (!theirs)
        return Status::failure(theirs.error());
    m_article.rowVersion = theirs->rowVersion;
    return save(savedBy);
}

QJsonObject ArticleEditor::editorState() const
{
    const Article a = currentArticle();
    QJsonArray authors;
    for (qint64 id : a.authorIds)
        authors.append(id);
    return QJsonObject{{QStringLiteral("articleId"), a.id},
                       {QStringLiteral("rowVersion"), a.rowVersion},
                       {QStringLiteral("title"), a.title},
                       {QStringLiteral("slug"), a.slug},
                       {QStringLiteral("slugManual"), m_slugManual},
                       {QStringLiteral("excerpt"), a.excerpt},
                       {QStringLiteral("body"), a.body},
                       {QStringLiteral("status"), statusKey(a.status)},
                       {QStringLiteral("tags"), QJsonArray::fromStringList(a.tags)},
                       {QStringLiteral("authors"), authors}};
}

Status ArticleEditor::restoreEditorState(const QJsonObject &state)
{
    const qint64 id = state.value(QLatin1String("articleId")).toInteger();
    Article a;
    if (id > 0) {
        const auto stored = ArticleRepository(m_db).get(id);
        if (!stored)
            return Status::failure(stored.error());
        a = *stored;
    }
    loadArticle(a);
    // The edits started from this version; saving checks it against what is stored now.
    m_article.rowVersion = state.value(QLatin1String("rowVersion")).toInt(a.rowVersion);
    Article edited = a;
    edited.title = state.value(QLatin1String("title")).toString();
    edited.slug = state.value(QLatin1String("slug")).toString();
    edited.excerpt = state.value(QLatin1String("excerpt")).toString();
    edited.body = state.value(QLatin1String("body")).toString();
    edited.status = statusFromKey(state.value(QLatin1String("status")).toString()).value_or(a.status);
    edited.tags.clear();
    for (const QJsonValue &t : state.value(QLatin1String("tags")).toArray())
        edited.tags << t.toString();
    edited.authorIds.clear();
    for (const QJsonValue &v : state.value(QLatin1String("authors")).toArray())
        edited.authorIds << v.toInteger();
    showArticle(edited);
    m_slugManual = state.value(QLatin1String("slugManual")).toBool();
    m_undo->clear();
    setForcedModified(true);
    return {};
}

void ArticleEditor::setThumbnails(ThumbnailCache *cache)
{
    m_captions->setThumbnails(cache);
}

void ArticleEditor::insertAtCaret(const QString &text)
{
    if (text.isEmpty())
        return;
    QTextCursor c = m_body->textCursor();
    c.beginEditBlock();
    c.insertText(text);
    c.endEditBlock();
    m_body->setTextCursor(c);
    m_body->reparseNow();
}

void ArticleEditor::showFind()
{
    m_findBar->show();
    const QString selected = m_body->textCursor().selectedText();
    if (!selected.isEmpty() && !selected.contains(QChar::ParagraphSeparator))
        m_find->setText(selected);
    m_find->setFocus();
    m_find->selectAll();
}

bool ArticleEditor::findNext()
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return false;
    if (m_body->find(needle))
        return true;
    // Wrap around to the top once.
    QTextCursor c = m_body->textCursor();
    c.movePosition(QTextCursor::Start);
    m_body->setTextCursor(c);
    return m_body->find(needle);
}

int ArticleEditor::replaceAll()
{
    const QString needle = m_find->text();
    if (needle.isEmpty())
        return 0;
    QTextDocument *doc = m_body->document();
    QTextCursor edit(doc);
    edit.beginEditBlock(); // one undo step for all replacements
    int count = 0;
    QTextCursor found = doc->find(needle, 0, QTextDocument::FindCaseSensitively);
    while (!found.isNull()) {
        found.insertText(m_replace->text());
        ++count;
        found = doc->find(needle, found.position(), QTextDocument::FindCaseSensitively);
    }
    edit.endEditBlock();
    m_body->reparseNow();
    return count;
}

void ArticleEditor::updateStats(const ShortcodeDocument &document)
{
    m_stats = TextStats::ofBody(document.source());
    QString text = statsText();
    if (!document.diagnostics().isEmpty())
        text += tr(" · %n shortcode problem(s)", nullptr, int(document.diagnostics().size()));
    m_statsLabel->setText(text);
}

QString ArticleEditor::statsText() const
{
    return tr("%n word(s)", nullptr, m_stats.words) + tr(" · %n character(s)", nullptr, m_stats.characters)
           + tr(" · %n min read", nullptr, m_stats.readingMinutes);
}

} // namespace byline
