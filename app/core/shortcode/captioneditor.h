#pragma once

#include "shortcode/creditstyle.h"
#include "shortcode/shortcodedocument.h"

#include <QString>

#include <optional>

namespace byline {

// What to change in one caption; unset fields are left exactly as written.
struct CaptionEdit
{
    std::optional<QString> text;   // caption text without the credit (HTML allowed)
    std::optional<QString> credit; // credit without its marker; "" removes the credit
    std::optional<CreditStyle> creditStyle; // for a caption that had no credit: how to write it
    std::optional<QString> align;  // e.g. "alignleft"
    std::optional<int> width;
};

// Rewrites captions inside a body while leaving every other character where it was: only the
// bytes of the edited attribute values or caption text change.
class CaptionEditor
{
public:
    // The body of doc with caption captionIndex (into doc.captions()) changed. Returns the
    // body unchanged and sets *ok to false when the caption cannot take the edit (a
    // self-closing [caption] has nowhere to hold text).
    static QString apply(const ShortcodeDocument &doc, int captionIndex, const CaptionEdit &edit,
                         bool *ok = nullptr);
};

// An image from the library as the editor's "Insert into post" sends it.
struct ImageInsert
{
    int attachmentId = 0;
    QString src;
    QString alt;
    int width = 0;
    int height = 0;
    QString size = QStringLiteral("full"); // WordPress size name: thumbnail, medium, large, full…
    QString align = QStringLiteral("none"); // none, left, center, right
    QString linkUrl;                        // wrap the image in <a href> when set
    bool linkToAttachmentPage = false;      // adds rel="attachment wp-att-N" to that link
    QString caption;                        // caption text without the credit
    QString credit;
    CreditStyle creditStyle = CreditStyle::None; // house style for the credit
};

// What get_image_send_to_editor() + image_add_caption() produce for this image:
// [caption id="attachment_N" align="alignX" width="W"]<img src="…" alt="…" width="W"
// height="H" class="size-S wp-image-N" /> caption[/caption]
// or the bare <img> when there is no caption or no width.
QString captionShortcodeForImage(const ImageInsert &image);

} // namespace byline
