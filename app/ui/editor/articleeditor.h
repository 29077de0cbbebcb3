#pragma once

#include "domain/article.h"
#include "domain/result.h"
#include "domain/textstats.h"
#include "workflow/newsroomtime.h"
#include "workflow/workflow.h"

#include <QJsonObject>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QUndoStack;

namespace byline {

class BodyEditor;
class CaptionPanel;
class ThumbnailCache;
class Database;
class ShortcodeDocument;

// Edits one article: its fields, authors, tags, status, schedule and body, with one undo history
// for all of them. Saving goes through WorkflowRepository::saveArticle: a status change is a
// workflow move (checked, gated by the readiness rules, logged with who and role) in the same
// transaction as the save. The status box enables only the moves the workflow allows from the
// stored status. Publish and embargo times are typed in the newsroom's zone, shown beside
// their UTC, and stored in UTC. A save refused because someone else saved first is reported
// through conflict(), never by overwriting.
class ArticleEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ArticleEditor(Database &db, QWidget *parent = nullptr);

    void loadArticle(const Article &article);
    void newArticle();
    // The article as the fields show it now.
    Article currentArticle() const;
    qint64 articleId() const { return m_article.id; }
    bool isModified() const;
    bool hasArticle() const { return m_loaded; }

    // Saves as this person on this desk; on success the editor is clean and shows the saved
    // version. A refused status move is also shown beside the status box.
    Status save(const QString &savedBy);
    void setDeskRole(DeskRole role) { m_role = role; }
    DeskRole deskRole() const { return m_role; }
    // After a conflict: saves the editor's state over whatever is stored now.
    Status overwrite(const QString &savedBy);

    // What autosave keeps and recovery restores.
    QJsonObject editorState() const;
    Status restoreEditorState(const QJsonObject &state);

    QUndoStack *undoStack() const { return m_undo; }
    BodyEditor *bodyEditor() const { return m_body; }
    QLineEdit *titleEdit() const { return m_title; }
    QLineEdit *slugEdit() const { return m_slug; }
    QPlainTextEdit *excerptEdit() const { return m_excerpt; }
    QComboBox *statusBox() const { return m_status; }
    // Why the status shown cannot be saved (a forbidden move or readiness errors); empty if it can.
    QLabel *statusNote() const { return m_statusNote; }
    QLineEdit *publishEdit() const { return m_publish; }
    QLineEdit *embargoEdit() const { return m_embargo; }
    QLabel *publishUtcLabel() const { return m_publishUtc; }
    QLabel *embargoUtcLabel() const { return m_embargoUtc; }
    QCheckBox *leadBox() const { return m_lead; }
    bool isLeadStory() const;
    // The status as stored: where a move from the status box starts.
    ArticleStatus storedStatus() const { return m_article.status; }
    // The newsroom's clock the times are typed in; the time fields are redisplayed in it.
    void setNewsroomTime(const NewsroomTime &time);
    const NewsroomTime &newsroomTime() const { return m_time; }
    QLineEdit *tagsEdit() const { return m_tags; }
    QListWidget *authorList() const { return m_authors; }
    CaptionPanel *captionPanel() const { return m_captions; }
    void setThumbnails(ThumbnailCache *cache);
    // Inserts text (a shortcode) at the caret as one undoable step.
    void insertAtCaret(const QString &text);
    // Find and replace in the body.
    void showFind();
    QLineEdit *findEdit() const { return m_find; }
    QLineEdit *replaceEdit() const { return m_replace; }
    bool findNext();
    int replaceAll();
    TextStats stats() const { return m_stats; }
    QString statsText() const;

    // Refreshes the author choices (after an author was added elsewhere).
    void reloadAuthorChoices();

signals:
    void modifiedChanged(bool modified);
    void saved(qint64 articleId);
    void conflict(const byline::Article &mine, const byline::Article &theirs);
    void bodyParsed(const byline::ShortcodeDocument &document);
    // A field other than the body changed (title, excerpt, status, tags, authors).
    void metaChanged();
    // A different article (or a restored state) is now shown.
    void articleShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum Field { TitleField = 1, SlugField, TagsField, StatusField, AuthorsField, PublishField, EmbargoField, LeadField };
    struct TimeField
    {
        QLineEdit *edit;
        QLabel *utc;
        QString name; // for messages: "publish time"
    };
    void build();
    void trackLineEdit(QLineEdit *edit, Field field, const QString &label);
    void pushAuthors(const QList<qint64> &before);
    QList<qint64> shownAuthors() const;
    void showAuthors(const QList<qint64> &ids);
    void showArticle(const Article &article);
    void updateStats(const ShortcodeDocument &document);
    void setForcedModified(bool on);
    void updateStatusChoices();
    void updateStatusNote();
    void updateTimeLabel(QLineEdit *edit);
    // The instant typed in a time field: null when empty; a failure for unreadable text or a
    // time the clocks skip.
    Result<QDateTime> typedTime(QLineEdit *edit) const;
    QString timeText(const QDateTime &utc) const;

    Database &m_db;
    Article m_article;       // as last loaded or saved
    bool m_loaded = false;
    bool m_slugManual = false;
    bool m_forcedModified = false; // restored from recovery: modified although nothing was undone
    bool m_applying = false;       // fields are being set by code, not typed
    TextStats m_stats;

    QUndoStack *m_undo;
    QLineEdit *m_title;
    QLineEdit *m_slug;
    QPlainTextEdit *m_excerpt;
    QComboBox *m_status;
    QLabel *m_statusNote;
    QLineEdit *m_publish;
    QLabel *m_publishUtc;
    QLineEdit *m_embargo;
    QLabel *m_embargoUtc;
    QCheckBox *m_lead;
    NewsroomTime m_time;
    DeskRole m_role = DeskRole::Editor;
    bool m_storedLead = false;
    QLineEdit *m_tags;
    QListWidget *m_authors;
    QComboBox *m_authorChoice;
    BodyEditor *m_body;
    QLabel *m_statsLabel;
    CaptionPanel *m_captions;
    QWidget *m_findBar;
    QLineEdit *m_find;
    QLineEdit *m_replace;
    QHash<QWidget *, QString> m_lastText;
};

} // namespace byline
