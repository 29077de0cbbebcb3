// libFuzzer target: any body must parse without crashing, serialise back to itself, reparse
// to the same structure, and survive rendering and a caption edit.
#include "shortcode/captioneditor.h"
#include "shortcode/captionrenderer.h"
#include "shortcode/shortcodeparser.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

using namespace byline;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString body =
        QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const ShortcodeParser parser;
    const ShortcodeDocument doc = parser.parse(body);
    const QString out = doc.serialize();
    if (out != body)
        std::abort();
    const ShortcodeDocument again = parser.parse(out);
    if (again.serialize() != body || again.nodes().size() != doc.nodes().size()
        || again.captions().size() != doc.captions().size()
        || again.diagnostics().size() != doc.diagnostics().size())
        std::abort();
    for (const ShortcodeDiagnostic &d : doc.diagnostics()) {
        if (d.offset < 0 || d.offset > body.size() || d.line < 1 || d.column < 1)
            std::abort();
    }
    (void)CaptionRenderer::renderBody(doc, CaptionRenderer::Markup::Html5);
    (void)CaptionRenderer::renderBody(doc, CaptionRenderer::Markup::Html4);
    if (!doc.captions().isEmpty()) {
        CaptionEdit edit;
        edit.text = QStringLiteral("Edited");
        edit.credit = QStringLiteral("AP");
        edit.align = QStringLiteral("alignright");
        edit.width = 300;
        bool ok = false;
        const QString edited = CaptionEditor::apply(doc, 0, edit, &ok);
        const TextRange r = doc.captions().first().range;
        // Nothing before the caption may move, nor anything after it.
        if (edited.left(r.begin) != body.left(r.begin)
            || !edited.endsWith(QStringView(body).mid(r.end)))
            std::abort();
        (void)parser.parse(edited);
    }
    return 0;
}
