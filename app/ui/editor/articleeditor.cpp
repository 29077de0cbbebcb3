#include "articleeditor.h"
#include "newsroomreadiness.h"

#include "bodyeditor.h"
#include "captionpanel.h"
#include "undosteps.h"

#include "insertimagedialog.h"

#include "articlerepository.h"
#include "authorrepository.h"
#include "database.h"
#include "imagerepository.h"
#include "settingsrepository.h"
#include "workflowrepository.h"

#include "domain/slug.h"
#include "workflow/readiness.h"

#include <QCheckBox>
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
#include <QStandardItemModel>
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

const QString kTimeFormat = QStringLiteral("yyyy-MM-dd HH:mm");
} // namespace

ArticleEditor::ArticleEditor(Database &db, QWidget *parent)
    : QWidget(parent), m_db(db), m_undo(new QUndoStack(this)), m_title(new QLineEdit(this)),
      m_slug(new QLineEdit(this)), m_excerpt(new QPlainTextEdit(this)), m_status(new QComboBox(this)),
      m_statusNote(new QLabel(this)), m_publish(new QLineEdit(this)), m_publishUtc(new QLabel(this)),
      m_embargo(new QLineEdit(this)), m_embargoUtc(new QLabel(this)), m_lead(new QCheckBox(tr("Lea&d story"), this)),
      m_time(SettingsRepository(db).newsroomTime()), m_tags(new QLineEdit(this)), m_authors(new QListWidget(this)), m_authorChoice(new QComboBox(this)),
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
    // The reason a move is refused sits under the box and takes no room when there is none.
    auto *statusBox = new QVBoxLayout;
    statusBox->setSpacing(2);
    statusBox->addLayout(statusRow);
    statusBox->addWidget(m_statusNote);
    form->addRow(statusLabelWidget, statusBox);
    const QString timeHint = tr("yyyy-mm-dd hh:mm, newsroom time");
    for (QLineEdit *edit : {m_publish, m_embargo}) {
        edit->setPlaceholderText(timeHint);
        edit->setClearButtonEnabled(true);
        // Room for a whole "2026-03-01 09:30" beside the clear button.
        edit->setFixedWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00")) +
                            edit->fontMetrics().height() * 3);
    }
    m_publish->setObjectName(QStringLiteral("publishEdit"));
    m_publish->setAccessibleName(tr("Publish time"));
    m_embargo->setObjectName(QStringLiteral("embargoEdit"));
    m_embargo->setAccessibleName(tr("Embargo time"));
    for (QLabel *utc : {m_publishUtc, m_embargoUtc}) {
        utc->setTextInteractionFlags(Qt::TextSelectableByMouse);
        // On its own line under the field; a long note about a repeated or skipped hour is
        // cut at the pane's edge rather than widening the editor (the tooltip has it whole).
        utc->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    }
    m_publishUtc->setObjectName(QStringLiteral("publishUtc"));
    m_publishUtc->setAccessibleName(tr("Publish time in UTC"));
    m_embargoUtc->setObjectName(QStringLiteral("embargoUtc"));
    m_embargoUtc->setAccessibleName(tr("Embargo time in UTC"));
    m_lead->setAccessibleName(tr("Lead story"));
    m_statusNote->setObjectName(QStringLiteral("statusNote"));
    m_statusNote->setAccessibleName(tr("Why the status cannot be saved"));
    m_statusNote->setWordWrap(true);
    m_statusNote->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_statusNote->hide();
    auto *publishRow = new QHBoxLayout;
    publishRow->addWidget(m_publish);
    publishRow->addSpacing(12);
    publishRow->addWidget(m_lead);
    publishRow->addStretch(1);
    auto *publishBox = new QVBoxLayout;
    publishBox->setSpacing(2);
    publishBox->addLayout(publishRow);
    publishBox->addWidget(m_publishUtc);
    auto *publishLabel = new QLabel(tr("P&ublish at"), this);
    publishLabel->setBuddy(m_publish);
    form->addRow(publishLabel, publishBox);
    // The field has a fixed width; a row with a stretch beside it lets the note under it
    // take the whole column (alone in the box, the note was cut at the field's width).
    auto *embargoRow = new QHBoxLayout;
    embargoRow->addWidget(m_embargo);
    embargoRow->addStretch(1);
    auto *embargoBox = new QVBoxLayout;
    embargoBox->setSpacing(2);
    embargoBox->addLayout(embargoRow);
    embargoBox->addWidget(m_embargoUtc);
    auto *embargoLabel = new QLabel(tr("E&mbargo until"), this);
    embargoLabel->setBuddy(m_embargo);
    form->addRow(embargoLabel, embargoBox);
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
    trackLineEdit(m_publish, PublishField, tr("Edit publish time"));
    trackLineEdit(m_embargo, EmbargoField, tr("Edit embargo time"));
    for (QLineEdit *edit : {m_publish, m_embargo}) {
        connect(edit, &QLineEdit::textChanged, this, [this, edit] {
            updateTimeLabel(edit);
            if (!m_applying) {
                updateStatusNote();
                emit metaChanged();
            }
        });
    }
    connect(m_lead, &QCheckBox::clicked, this, [this](bool on) {
        m_undo->push(new FieldStep(LeadField, !on, on, [this](const QVariant &v) {
            m_lead->setChecked(v.toBool());
        }, on ? tr("Mark as lead story") : tr("Unmark lead story"), false));
    });
    connect(m_lead, &QCheckBox::toggled, this, [this] {
        if (!m_applying)
            emit metaChanged();
    });
    // The reason beside the status box follows every edit that can change it.
    connect(m_body, &BodyEditor::parsed, this, [this] { updateStatusNote(); });
    connect(this, &ArticleEditor::metaChanged, this, [this] { updateStatusNote(); });
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
            updateStatusNote();
        }, tr("Change status")));
        updateStatusNote();
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
    m_publish->setText(timeText(article.scheduledAt));
    m_embargo->setText(timeText(article.embargoAt));
    m_lead->setChecked(m_storedLead);
    showAuthors(article.authorIds);
    m_body->setPlainText(article.body);
    m_lastText[m_title] = article.title;
    m_lastText[m_slug] = article.slug;
    m_lastText[m_tags] = m_tags->text();
    m_lastText[m_status] = statusKey(article.status);
    m_lastText[m_publish] = m_publish->text();
    m_lastText[m_embargo] = m_embargo->text();
    m_applying = false;
    m_body->reparseNow();
    updateStatusChoices();
    updateStatusNote();
    emit articleShown();
}

void ArticleEditor::loadArticle(const Article &article)
{
    m_article = article;
    m_loaded = true;
    m_slugManual = article.id != 0;
    m_storedLead = article.id > 0 && WorkflowRepository(m_db).isLead(article.id).valueOr(false);
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
    a.scheduledAt = typedTime(m_publish).valueOr(QDateTime());
    a.embargoAt = typedTime(m_embargo).valueOr(QDateTime());
    return a;
}

bool ArticleEditor::isLeadStory() const
{
    return m_lead->isChecked();
}

QString ArticleEditor::timeText(const QDateTime &utc) const
{
    return utc.isValid() ? m_time.toLocal(utc).toString(kTimeFormat) : QString();
}

Result<QDateTime> ArticleEditor::typedTime(QLineEdit *edit) const
{
    const QString text = edit->text().trimmed();
    if (text.isEmpty())
        return QDateTime();
    const QString field = edit == m_publish ? tr("publish time") : tr("embargo time");
    const Result<LocalTimeResolution> r = m_time.parse(text);
    if (!r)
        return Result<QDateTime>::failure(tr("%1: %2").arg(field, r.error()));
    if (r->kind == LocalTimeResolution::Kind::Nonexistent)
        return Result<QDateTime>::failure(tr("%1: %2").arg(field, r->note));
    return r->utc;
}

void ArticleEditor::updateTimeLabel(QLineEdit *edit)
{
    QLabel *label = edit == m_publish ? m_publishUtc : m_embargoUtc;
    const QString text = edit->text().trimmed();
    QString shown;
    bool problem = false;
    if (text.isEmpty()) {
        shown = edit == m_publish ? tr("not set (times are in %1)").arg(m_time.zoneId())
                                  : tr("no embargo");
    } else if (const Result<LocalTimeResolution> r = m_time.parse(text); !r) {
        shown = tr("cannot read this; type it as 2026-03-01 09:30");
        problem = true;
    } else if (r->kind == LocalTimeResolution::Kind::Nonexistent) {
        shown = r->note;
        problem = true;
    } else {
        shown = m_time.sideBySide(r->utc);
        if (r->kind == LocalTimeResolution::Kind::Ambiguous)
            shown += QStringLiteral(" — ") + r->note;
    }
    label->setText(shown);
    label->setToolTip(shown);
    label->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
}

void ArticleEditor::setNewsroomTime(const NewsroomTime &time)
{
    // The instants stay; what is shown moves to the new zone.
    const Result<QDateTime> publish = typedTime(m_publish);
    const Result<QDateTime> embargo = typedTime(m_embargo);
    m_time = time;
    m_applying = true;
    if (publish) {
        m_publish->setText(timeText(*publish));
        m_lastText[m_publish] = m_publish->text();
    }
    if (embargo) {
        m_embargo->setText(timeText(*embargo));
        m_lastText[m_embargo] = m_embargo->text();
    }
    m_applying = false;
    updateTimeLabel(m_publish);
    updateTimeLabel(m_embargo);
}

void ArticleEditor::updateStatusChoices()
{
    auto *model = qobject_cast<QStandardItemModel *>(m_status->model());
    if (!model)
        return;
    const ArticleStatus from = m_article.status; // as stored: moves start there
    for (int row = 0; row < m_status->count(); ++row) {
        const ArticleStatus to =
            statusFromKey(m_status->itemData(row).toString()).value_or(ArticleStatus::Draft);
        QStandardItem *item = model->item(row);
        const bool allowed = to == from || Workflow::canMove(from, to);
        item->setEnabled(allowed);
        item->setToolTip(to == from ? tr("The stored status")
                                    : allowed ? Workflow::actionLabel(from, to)
                                              : Workflow::refusal(from, to));
    }
}

void ArticleEditor::updateStatusNote()
{
    if (!m_loaded)
        return;
    const ArticleStatus from = m_article.status;
    const ArticleStatus to =
        statusFromKey(m_status->currentData().toString()).value_or(ArticleStatus::Draft);
    QString note;
    if (to != from) {
        if (!Workflow::canMove(from, to)) {
            note = Workflow::refusal(from, to);
        } else {
            ReadinessContext ctx = newsroomReadinessContext(m_db);
            ctx.target = to;
            const auto issues = Readiness::check(currentArticle(), m_body->parsedDocument(), ctx);
            note = Readiness::blockReason(issues, to);
        }
    }
    m_statusNote->setText(note);
    m_statusNote->setVisible(!note.isEmpty());
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
    for (QLineEdit *edit : {m_publish, m_embargo}) {
        if (const Result<QDateTime> t = typedTime(edit); !t)
            return Status::failure(t.error());
    }
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
    ArticleSaveOptions options;
    options.lead = m_lead->isChecked();
    options.gate = Readiness::gateFor(newsroomReadinessContext(m_db));
    const ArticleStatus wanted = a.status;
    const Status s = WorkflowRepository(m_db).saveArticle(a, savedBy, m_role, options);
    if (!s) {
        if (s.error().startsWith(kConflictPrefix)) {
            const auto theirs = repo.get(a.id);
            if (theirs)
                emit conflict(a, *theirs);
        } else if (wanted != m_article.status) {
            m_statusNote->setText(tr("Not moved to %1: %2").arg(statusLabel(wanted), s.error()));
            m_statusNote->show();
        }
        return s;
    }
    m_article = a;
    m_storedLead = m_lead->isChecked();
    if (m_publish->text() != timeText(a.scheduledAt) && !a.scheduledAt.isValid()) {
        // Unscheduling cleared the time.
        m_applying = true;
        m_publish->setText(QString());
        m_lastText[m_publish] = QString();
        m_applying = false;
    }
    updateStatusChoices();
    updateStatusNote();
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
    // A status move now starts from their status: offer and check the moves from there.
    m_article.status = theirs->status;
    updateStatusChoices();
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
                       {QStringLiteral("publish"), m_publish->text()},
                       {QStringLiteral("embargo"), m_embargo->text()},
                       {QStringLiteral("lead"), m_lead->isChecked()},
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
    m_applying = true;
    if (state.contains(QLatin1String("publish")))
        m_publish->setText(state.value(QLatin1String("publish")).toString());
    if (state.contains(QLatin1String("embargo")))
        m_embargo->setText(state.value(QLatin1String("embargo")).toString());
    if (state.contains(QLatin1String("lead")))
        m_lead->setChecked(state.value(QLatin1String("lead")).toBool());
    m_lastText[m_publish] = m_publish->text();
    m_lastText[m_embargo] = m_embargo->text();
    m_applying = false;
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
