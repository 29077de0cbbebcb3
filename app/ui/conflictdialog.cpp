#include "conflictdialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>

namespace byline {

ConflictDialog::ConflictDialog(const Article &mine, const Article &theirs, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Someone else saved this article"));
    auto *grid = new QGridLayout(this);
    auto *intro = new QLabel(tr("<b>%1</b> was saved by someone else (version %2) after you opened it. "
                                "Your changes have not been saved yet and nothing was overwritten.")
                                 .arg(theirs.title.toHtmlEscaped())
                                 .arg(theirs.rowVersion),
                             this);
    intro->setWordWrap(true);
    grid->addWidget(intro, 0, 0, 1, 2);
    auto column = [&](const Article &a, const QString &heading, int col) {
        grid->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(heading), this), 1, col);
        auto *text = new QPlainTextEdit(this);
        text->setReadOnly(true);
        text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        text->setPlainText(a.title + QStringLiteral("\n\n") + a.excerpt + QStringLiteral("\n\n") + a.body);
        text->setAccessibleName(heading);
        grid->addWidget(text, 2, col);
    };
    column(theirs, tr("Saved by someone else"), 0);
    column(mine, tr("Your version"), 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *overwrite = buttons->addButton(tr("Save Mine Over Theirs"), QDialogButtonBox::DestructiveRole);
    QPushButton *take = buttons->addButton(tr("Discard Mine, Load Theirs"), QDialogButtonBox::ResetRole);
    QPushButton *keep = buttons->addButton(tr("Keep Editing"), QDialogButtonBox::RejectRole);
    keep->setDefault(true);
    connect(overwrite, &QPushButton::clicked, this, [this] { m_choice = OverwriteTheirs; accept(); });
    connect(take, &QPushButton::clicked, this, [this] { m_choice = TakeTheirs; accept(); });
    connect(keep, &QPushButton::clicked, this, &QDialog::reject);
    grid->addWidget(buttons, 3, 0, 1, 2);
    resize(1000, 640);
}

} // namespace byline
