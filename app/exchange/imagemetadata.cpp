#include "imagemetadata.h"

#include <QFile>

#include <exiv2/exiv2.hpp>

namespace byline {

namespace {

// ESC % G: ISO 2022's designation of UTF-8, what 1:90 holds in UTF-8 files.
const std::string kUtf8Marker("\x1b%G", 3);

QString iimText(const Exiv2::IptcData &iptc, const char *key, bool utf8)
{
    const auto it = iptc.findKey(Exiv2::IptcKey(key));
    if (it == iptc.end())
        return {};
    const std::string raw = it->toString();
    return utf8 ? QString::fromUtf8(raw.data(), int(raw.size())) : QString::fromLatin1(raw.data(), int(raw.size()));
}

QString xmpText(const Exiv2::XmpData &xmp, const char *key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    if (it == xmp.end())
        return {};
    // Language alternatives print as 'lang="x-default" text'; the value itself is what counts.
    if (it->typeId() == Exiv2::langAlt) {
        const auto &alt = static_cast<const Exiv2::LangAltValue &>(it->value());
        const auto def = alt.value_.find("x-default");
        const std::string s = def != alt.value_.end() ? def->second : (alt.value_.empty() ? std::string() : alt.value_.begin()->second);
        return QString::fromStdString(s);
    }
    return QString::fromStdString(it->toString(0));
}

// IIM fields have byte limits; cut on a character boundary so no UTF-8 sequence is split.
std::string limited(const QString &text, int maxBytes)
{
    QString t = text;
    QByteArray bytes = t.toUtf8();
    while (bytes.size() > maxBytes) {
        t.chop(1);
        bytes = t.toUtf8();
    }
    return bytes.toStdString();
}

} // namespace

ImageMetadata ImageMetadata::of(const Image &image)
{
    ImageMetadata meta;
    meta.credit = image.creditLine;
    meta.creator = image.creator;
    meta.copyright = image.copyrightNotice;
    meta.caption = image.caption;
    meta.altText = image.altText;
    return meta;
}

Result<ImageMetadata> ImageMetadata::read(const QString &path)
{
    using R = Result<ImageMetadata>;
    try {
        auto image = Exiv2::ImageFactory::open(QFile::encodeName(path).toStdString());
        image->readMetadata();
        const Exiv2::IptcData &iptc = image->iptcData();
        const Exiv2::XmpData &xmp = image->xmpData();
        const auto cs = iptc.findKey(Exiv2::IptcKey("Iptc.Envelope.CharacterSet"));
        const bool utf8 = cs != iptc.end() && cs->toString() == kUtf8Marker;
        ImageMetadata m;
        m.creator = iimText(iptc, "Iptc.Application2.Byline", utf8);
        m.credit = iimText(iptc, "Iptc.Application2.Credit", utf8);
        m.caption = iimText(iptc, "Iptc.Application2.Caption", utf8);
        m.title = iimText(iptc, "Iptc.Application2.Headline", utf8);
        m.copyright = iimText(iptc, "Iptc.Application2.Copyright", utf8);
        if (m.creator.isEmpty())
            m.creator = xmpText(xmp, "Xmp.dc.creator");
        if (m.credit.isEmpty())
            m.credit = xmpText(xmp, "Xmp.photoshop.Credit");
        if (m.credit.isEmpty())
            m.credit = m.creator;
        if (m.caption.isEmpty())
            m.caption = xmpText(xmp, "Xmp.dc.description");
        if (m.title.isEmpty())
            m.title = xmpText(xmp, "Xmp.photoshop.Headline");
        if (m.copyright.isEmpty())
            m.copyright = xmpText(xmp, "Xmp.dc.rights");
        m.altText = xmpText(xmp, "Xmp.iptc.AltTextAccessibility");
        return m;
    } catch (const Exiv2::Error &e) {
        return R::failure(QStringLiteral("could not read the metadata of %1: %2").arg(path, QString::fromUtf8(e.what())));
    }
}

Status ImageMetadata::write(const QString &path, const ImageMetadata &meta)
{
    try {
        auto image = Exiv2::ImageFactory::open(QFile::encodeName(path).toStdString());
        image->readMetadata(); // so everything not touched here is written back unchanged
        Exiv2::IptcData &iptc = image->iptcData();
        Exiv2::XmpData &xmp = image->xmpData();
        iptc["Iptc.Envelope.CharacterSet"] = kUtf8Marker;
        const auto setIim = [&](const char *key, const QString &value, int limit) {
            if (!value.isEmpty())
                iptc[key] = limited(value, limit);
        };
        setIim("Iptc.Application2.Credit", meta.credit, 32);
        setIim("Iptc.Application2.Byline", meta.creator, 32);
        setIim("Iptc.Application2.Copyright", meta.copyright, 128);
        setIim("Iptc.Application2.Caption", meta.caption, 2000);
        if (!meta.credit.isEmpty())
            xmp["Xmp.photoshop.Credit"] = meta.credit.toStdString();
        if (!meta.creator.isEmpty()) {
            for (auto it = xmp.findKey(Exiv2::XmpKey("Xmp.dc.creator")); it != xmp.end();
                 it = xmp.findKey(Exiv2::XmpKey("Xmp.dc.creator")))
                xmp.erase(it);
            Exiv2::XmpArrayValue v(Exiv2::xmpSeq);
            v.read(meta.creator.toStdString());
            xmp.add(Exiv2::XmpKey("Xmp.dc.creator"), &v);
        }
        const auto setLangAlt = [&](const char *key, const QString &value) {
            if (value.isEmpty())
                return;
            for (auto it = xmp.findKey(Exiv2::XmpKey(key)); it != xmp.end(); it = xmp.findKey(Exiv2::XmpKey(key)))
                xmp.erase(it);
            Exiv2::LangAltValue v;
            v.value_["x-default"] = value.toStdString();
            xmp.add(Exiv2::XmpKey(key), &v);
        };
        setLangAlt("Xmp.dc.rights", meta.copyright);
        setLangAlt("Xmp.dc.description", meta.caption);
        setLangAlt("Xmp.iptc.AltTextAccessibility", meta.altText);
        image->writeMetadata();
        return {};
    } catch (const Exiv2::Error &e) {
        return Status::failure(QStringLiteral("could not write the metadata of %1: %2").arg(path, QString::fromUtf8(e.what())));
    }
}

} // namespace byline
