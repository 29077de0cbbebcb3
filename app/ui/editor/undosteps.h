#pragma once

#include <QPointer>
#include <QTextDocument>
#include <QUndoCommand>

#include <functional>

namespace byline {

// One step of a text document's own undo history, replayed through the editor's shared
// QUndoStack so that Undo walks back across fields and body in the order edits were made.
class DocumentStep : public QUndoCommand
{
public:
    DocumentStep(QTextDocument *document, const QString &text) : QUndoCommand(text), m_document(document) {}
    void undo() override
    {
        if (m_document)
            m_document->undo();
    }
    void redo() override
    {
        if (m_first) { // the document has already applied it
            m_first = false;
            return;
        }
        if (m_document)
            m_document->redo();
    }

private:
    QPointer<QTextDocument> m_document;
    bool m_first = true;
};

// A change of one field's value; consecutive edits of the same field merge into one step.
class FieldStep : public QUndoCommand
{
public:
    using Apply = std::function<void(const QVariant &)>;
    FieldStep(int field, QVariant before, QVariant after, Apply apply, const QString &text, bool mergeable = true)
        : QUndoCommand(text), m_field(field), m_before(std::move(before)), m_after(std::move(after)),
          m_apply(std::move(apply)), m_mergeable(mergeable)
    {
    }
    int id() const override { return m_mergeable ? m_field : -1; }
    bool mergeWith(const QUndoCommand *other) override
    {
        const auto *o = static_cast<const FieldStep *>(other);
        if (o->m_field != m_field)
            return false;
        m_after = o->m_after;
        return true;
    }
    void undo() override { m_apply(m_before); }
    void redo() override
    {
        if (m_first) { // the widget already shows the new value
            m_first = false;
            return;
        }
        m_apply(m_after);
    }

private:
    int m_field;
    QVariant m_before;
    QVariant m_after;
    Apply m_apply;
    bool m_mergeable;
    bool m_first = true;
};

} // namespace byline
