#pragma once

#include <QString>

namespace byline {

// How the house writes the picture credit at the end of a caption.
enum class CreditStyle {
    None,      // no credit found
    Image,     // "… Image: TCA"
    Photo,     // "… Photo: Reuters"
    Photos,    // "… Photos: AP, AFP"
    Credit,    // "… Credit: Jane Doe"
    Copyright, // "… ©AFP" or "… © AFP"
    Domain     // "… @worldbank.org"
};

// A caption split into what the editor edits separately, remembering exactly how the credit
// was written so that joining it back reproduces the original text.
struct CaptionCredit
{
    QString text;      // the caption without the credit, trimmed
    QString credit;    // the credit without its marker, e.g. "TCA" or "worldbank.org"
    CreditStyle style = CreditStyle::None;
    QString prefix;    // the marker as written, e.g. "Photo: ", "©", "© ", "@"
    QString separator; // what stood between text and marker; " " when joining a new credit
};

// Splits a trailing credit off caption HTML. A caption without a recognised credit comes back
// as {text, "", None}.
CaptionCredit splitCredit(const QString &caption);

// The caption text rebuilt from its parts; joinCredit(splitCredit(c)) == c for trimmed c.
QString joinCredit(const CaptionCredit &parts);

// The marker the house writes for a style, used when a credit is added to a caption that had
// none ("Photo: ", "©", …).
QString defaultCreditPrefix(CreditStyle style);

// The style of a house credit pattern as the newsroom setting writes it ("Image: {credit}",
// "Photo: {credit}", "©{credit}", …); anything unrecognised is the default, Image.
CreditStyle creditStyleFromHouseStyle(const QString &houseStyle);

} // namespace byline
