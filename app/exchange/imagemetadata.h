#pragma once

#include "domain/image.h"
#include "domain/result.h"

#include <QString>

namespace byline {

// The credit fields carried inside an image file, with IPTC's meanings (see domain/image.h).
struct ImageMetadata
{
    QString credit;    // IIM 2:110 Credit, else 2:80 By-line (WordPress's reading)
    QString creator;   // IIM 2:80 By-line
    QString caption;   // IIM 2:120 Caption-Abstract
    QString title;     // IIM 2:105 Headline
    QString copyright; // IIM 2:116 Copyright Notice
    QString altText;   // XMP Iptc4xmpCore:AltTextAccessibility

    // The credit fields of a library image.
    static ImageMetadata of(const Image &image);
    // Reads IPTC-IIM (Latin-1 unless 1:90 declares UTF-8) and fills gaps from XMP.
    static Result<ImageMetadata> read(const QString &path);
    // Writes credit, creator, copyright and caption as IIM (UTF-8, cut to IIM's byte limits)
    // and XMP, plus the alt text as XMP; Exif, ICC and other XMP stay as they were.
    static Status write(const QString &path, const ImageMetadata &meta);
};

} // namespace byline
