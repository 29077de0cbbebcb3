#pragma once

#include "domain/article.h"

#include <QDialog>

namespace byline {

// Shown when a save finds that someone else saved the article first: both versions side by
// side, and the editor chooses which one wins. Nothing is overwritten without that choice.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { KeepEditing, OverwriteTheirs, TakeTheirs };

    ConflictDialog(const Article &mine, const Article &theirs, QWidget *parent = nullptr);
    Choice choice() const { return m_choice; }

private:
    Choice m_choice = KeepEditing;
};

} // namespace byline
