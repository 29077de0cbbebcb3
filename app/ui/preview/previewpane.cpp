#include "previewpane.h"

#include "articlerepository.h"
#include "authorrepository.h"
#include "imagerepository.h"
#include "previewdocument.h"
#include "previewimageloader.h"
#include "shortcode/shortcodeparser.h"

#include <QAbstractTextDocumentLayout>
#include <QDesktopServices>
#include <QElapsedTimer>
#include <QFile>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QScrollBar>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QThread>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <QToolButton>
#include <QVBoxLayout>

namespace byline {

namespace {

// The browser only shows; it never follows a link or loads a source by itself.
class PreviewBrowser : public QTextBrowser
{
public:
    using QTextBrowser::QTextBrowser;

    QVariant loadResource(int type, const QUrl &name) override
    {
        // Anything the document did not answer is refused here too (no file or network access).
        if (auto *doc = qobject_cast<PreviewDocument *>(document()))
            return doc->resource(type, name);
        return QVariant();
    }
};

QString readResource(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The empty block QTextDocument keeps between two frames: made zero-height so the page's
// spacing comes from the stylesheet's margins only.
void makeSpacer(QTextCursor &c)
{
    QTextBlockFormat bf;
    bf.setTopMargin(0);
    bf.setBottomMargin(0);
    bf.setLineHeight(0, QTextBlockFormat::FixedHeight);
    c.setBlockFormat(bf);
    QTextCharFormat cf;
    cf.setFontPointSize(1);
    c.setBlockCharFormat(cf);
}

const ShortcodeParser &parser()
{
    static const ShortcodeParser p;
    return p;
}

} // namespace

PreviewPane::PreviewPane(Database &db, QWidget *parent) : QWidget(parent), m_db(db)
{
    m_document = new PreviewDocument(this);
    m_scratch = new PreviewDocument(this);
    m_scratch->setUndoRedoEnabled(false);
    m_parsePool.setMaxThreadCount(1);
    m_buildPool.setMaxThreadCount(1);
    m_loader = new PreviewImageLoader(
        [this](qint64 imageId) {
            const auto bytes = ImageRepository(m_db).bytes(imageId);
            return bytes.ok() ? bytes.value() : QByteArray();
        },
        this);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 4);
    auto makeButton = [&](const QString &text, const QString &tip) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setCheckable(true);
        b->setAutoRaise(true);
        bar->addWidget(b);
        return b;
    };
    m_desktopButton = makeButton(tr("Desktop"), tr("Show the page as a 1200 px desktop browser does"));
    m_phoneButton = makeButton(tr("Phone"), tr("Show the page as a 390 px phone does"));
    bar->addStretch();
    m_darkButton = makeButton(tr("Dark"), tr("Show the site's dark colour scheme"));
    m_desktopButton->setChecked(true);
    connect(m_desktopButton, &QToolButton::clicked, this, [this] { setDevice(Device::Desktop); });
    connect(m_phoneButton, &QToolButton::clicked, this, [this] { setDevice(Device::Phone); });
    connect(m_darkButton, &QToolButton::toggled, this,
            [this](bool dark) { setTheme(dark ? Theme::Dark : Theme::Light); });

    m_browser = new PreviewBrowser(this);
    m_browser->setDocument(m_document);
    m_browser->setOpenLinks(false);
    m_browser->setOpenExternalLinks(false);
    m_browser->setSearchPaths({});
    m_browser->setFrameShape(QFrame::NoFrame);
    m_browser->setLineWrapMode(QTextEdit::FixedPixelWidth);
    connect(m_browser, &QTextBrowser::anchorClicked, this, &PreviewPane::onAnchor);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(bar);
    layout->addWidget(m_browser, 1);

    // The images finished since the last event-loop turn come in one batch: each box has its
    // final size already, so handing over pixels needs no relayout, and the page repaints once.
    connect(m_loader, &PreviewImageLoader::imagesReady, this, [this](const QList<std::pair<QUrl, QImage>> &images) {
        bool any = false;
        for (const auto &[url, image] : images) {
            if (!m_wantedImages.contains(url.toString()))
                continue; // from a page no longer shown
            showImage(url, image);
            any = true;
        }
        if (!any || m_building)
            return;
        m_browser->viewport()->update();
        if (pendingImages() == 0)
            emit imagesSettled();
    });

    applyStyle();
    updateGeometryForDevice();
    connect(this, &PreviewPane::rendered, this, &PreviewPane::centerColumn);
}

PreviewPane::~PreviewPane()
{
    // A page being built refers to this pane's thread and posts to it: let it end first.
    m_buildPool.waitForDone();
}

PreviewPane::BuiltPage::~BuiltPage()
{
    delete document;
}

void PreviewPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_warmUpQueued) {
        m_warmUpQueued = true;
        QTimer::singleShot(0, this, &PreviewPane::warmUp);
    }
}

void PreviewPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    centerColumn();
}

bool PreviewPane::eventFilter(QObject *watched, QEvent *event)
{
    // The layout's own step timer is held back while the pane lays the page out itself.
    if (m_pacing && watched == m_pacedLayout && event->type() == QEvent::Timer)
        return true;
    return QWidget::eventFilter(watched, event);
}

void PreviewPane::startPacedLayout()
{
    QAbstractTextDocumentLayout *layout = m_document->documentLayout();
    if (m_pacedLayout != layout) {
        if (m_pacedLayout)
            m_pacedLayout->removeEventFilter(this);
        m_pacedLayout = layout;
        layout->installEventFilter(this);
    }
    m_pacing = true;
    m_pacePosition = 0;
    if (!m_paceQueued) {
        m_paceQueued = true;
        QTimer::singleShot(0, this, &PreviewPane::paceLayout);
    }
}

void PreviewPane::paceLayout()
{
    m_paceQueued = false;
    if (!m_pacing || m_pacedLayout != m_document->documentLayout())
        return;
    QElapsedTimer slice;
    slice.start();
    const int end = m_document->characterCount();
    while (slice.elapsed() < kLayoutSliceMs) {
        m_pacePosition = std::min(end, m_pacePosition + kLayoutSliceChars);
        if (m_pacePosition >= end) {
            // The rest at once (less than a slice); the layout then reports its final size.
            m_pacing = false;
            m_pacedLayout->documentSize();
            return;
        }
        // Asking where a block is lays the page out down to it.
        m_pacedLayout->blockBoundingRect(m_document->findBlock(m_pacePosition));
    }
    m_paceQueued = true;
    QTimer::singleShot(0, this, &PreviewPane::paceLayout);
}

void PreviewPane::centerColumn()
{
    QScrollBar *bar = m_browser->horizontalScrollBar();
    const int visible = m_browser->viewport()->width();
    const int side = (pageWidth() - columnWidth()) / 2;
    // Show the column; when it does not fit either, start at its left edge.
    const int target = visible >= columnWidth() ? side - (visible - columnWidth()) / 2 : side - 8;
    bar->setValue(std::clamp(target, bar->minimum(), bar->maximum()));
}

int PreviewPane::pageWidth() const
{
    return m_device == Device::Desktop ? kDesktopWidth : kPhoneWidth;
}

int PreviewPane::columnWidth() const
{
    return m_device == Device::Desktop ? kDesktopColumn : kPhoneWidth - 2 * 16;
}

QDateTime PreviewPane::now() const
{
    return m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
}

int PreviewPane::pendingImages() const
{
    int n = 0;
    for (const QString &u : m_wantedImages) {
        if (!m_shownImages.contains(u))
            ++n;
    }
    return n;
}

QString PreviewPane::blockHtml(int index) const
{
    if (index < 0 || index >= m_blocks.size())
        return QString();
    return m_blockCache.value(m_blocks.at(index).key).rendered.html;
}

void PreviewPane::resetLibrary()
{
    m_renderer.setLibrary(PreviewLibrary());
    m_askedIds.clear();
    m_askedAttachments.clear();
    m_askedNames.clear();
}

void PreviewPane::lookUpImages(const QList<qint64> &imageIds, const QList<PreviewReference> &references)
{
    // Only what the page names is read from the library, each name asked once per page shown
    // (found or not): a library of any size costs a few indexed lookups.
    QList<qint64> ids;
    for (qint64 id : imageIds) {
        if (id > 0 && !m_askedIds.contains(id)) {
            m_askedIds.insert(id);
            ids << id;
        }
    }
    QList<qint64> attachments;
    for (const PreviewReference &r : references) {
        if (r.attachmentId > 0 && !m_askedAttachments.contains(r.attachmentId)) {
            m_askedAttachments.insert(r.attachmentId);
            attachments << r.attachmentId;
        }
    }
    ImageRepository repo(m_db);
    const auto add = [this](const Result<QList<Image>> &found) {
        if (found.ok()) {
            for (const Image &image : found.value())
                m_renderer.addToLibrary(image);
        }
    };
    if (!ids.isEmpty() || !attachments.isEmpty())
        add(repo.referenced(ids, attachments));
    // A source's file name counts only where the attachment id did not find the image, as in
    // the renderer; most images of an article from WordPress are found by id.
    QStringList names;
    for (const PreviewReference &r : references) {
        if (r.fileName.isEmpty() || (r.attachmentId > 0 && m_renderer.library().attachment(r.attachmentId)))
            continue;
        if (!m_askedNames.contains(r.fileName) && !m_renderer.library().byFileName.contains(r.fileName)) {
            m_askedNames.insert(r.fileName);
            names << r.fileName;
        }
    }
    if (!names.isEmpty())
        add(repo.referenced({}, {}, names));
}

void PreviewPane::applyStyle()
{
    const QString base = readResource(QStringLiteral(":/byline/preview/preview.css"));
    const bool dark = m_theme == Theme::Dark;
    const QString colours = readResource(dark ? QStringLiteral(":/byline/preview/preview-dark.css")
                                              : QStringLiteral(":/byline/preview/preview-light.css"));
    m_document->setDefaultStyleSheet(base + colours);
    m_scratch->setDefaultStyleSheet(base + colours);
    m_blockCache.clear(); // parsed with the old colours
    // The page colour outside the document and the placeholders' tint follow the scheme.
    const QColor page = dark ? QColor(0x16, 0x17, 0x19) : QColor(0xff, 0xff, 0xff);
    const QColor tint = dark ? QColor(0x2a, 0x2c, 0x30) : QColor(0xec, 0xe9, 0xe4);
    const QColor ink = dark ? QColor(0xb4, 0xb0, 0xa8) : QColor(0x5d, 0x58, 0x51);
    QPalette pal = m_browser->palette();
    pal.setColor(QPalette::Base, page);
    pal.setColor(QPalette::Text, dark ? QColor(0xe6, 0xe3, 0xdd) : QColor(0x1b, 0x1b, 0x1b));
    m_browser->setPalette(pal);
    m_document->setPlaceholderColors(tint, ink);
    m_tint = tint;
    m_ink = ink;
}

void PreviewPane::updateGeometryForDevice()
{
    m_browser->setLineWrapColumnOrWidth(pageWidth());
    m_renderer.setColumnWidth(columnWidth());
    m_desktopButton->setChecked(m_device == Device::Desktop);
    m_phoneButton->setChecked(m_device == Device::Phone);
}

void PreviewPane::setDevice(Device device)
{
    if (device == m_device) {
        updateGeometryForDevice();
        return;
    }
    m_device = device;
    updateGeometryForDevice();
    m_blockCache.clear(); // image sizes depend on the column
    if (m_page == Page::Article)
        renderArticle();
    else if (m_page == Page::Author)
        renderAuthor();
}

void PreviewPane::setTheme(Theme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    {
        const QSignalBlocker block(m_darkButton);
        m_darkButton->setChecked(theme == Theme::Dark);
    }
    applyStyle();
    if (m_page == Page::Article)
        renderArticle();
    else if (m_page == Page::Author)
        renderAuthor();
}

void PreviewPane::showArticle(const Article &article)
{
    m_page = Page::Article;
    m_article = article;
    m_hasPending = false;
    resetLibrary();
    m_authors.clear();
    AuthorRepository authors(m_db);
    QList<qint64> avatars;
    for (qint64 id : article.authorIds) {
        auto a = authors.get(id);
        if (a.ok()) {
            m_authors.append(a.value());
            avatars << a->avatarImageId;
        }
    }
    lookUpImages(avatars, {});
    renderArticle();
}

void PreviewPane::startDocument(const QString &headerHtml)
{
    m_document->clear();
    m_wantedImages.clear();
    m_shownImages.clear();
    m_document->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(headerHtml));
    // The column sits in the middle of the page as on the site; margins set it, not CSS, since
    // QTextDocument ignores max-width.
    QTextFrameFormat root = m_document->rootFrame()->frameFormat();
    const int side = (pageWidth() - columnWidth()) / 2;
    root.setLeftMargin(side);
    root.setRightMargin(side);
    root.setTopMargin(m_device == Device::Desktop ? 40 : 20);
    root.setBottomMargin(64);
    m_document->rootFrame()->setFrameFormat(root);
}

QTextFrame *PreviewPane::insertBlockFrame(QTextDocument *document, int position, const CachedBlock &block)
{
    QTextCursor c(document);
    c.setPosition(position);
    QTextFrame *frame = c.insertFrame(block.frameFormat);
    c.insertFragment(block.fragment);
    QTextCursor first(document);
    first.setPosition(frame->firstPosition());
    first.setBlockFormat(block.firstBlockFormat);
    QTextCursor after(document);
    after.setPosition(frame->lastPosition() + 1);
    makeSpacer(after);
    return frame;
}

void PreviewPane::removeFrame(QTextFrame *frame)
{
    if (!frame)
        return;
    QTextCursor c(m_document);
    c.setPosition(frame->firstPosition() - 1);
    c.setPosition(frame->lastPosition() + 1, QTextCursor::KeepAnchor);
    c.removeSelectedText();
}

PreviewPane::CachedBlock PreviewPane::makeBlock(QTextDocument &scratch, const ShortcodeDocument &doc,
                                               const PreviewBlock &block) const
{
    CachedBlock cached;
    cached.rendered = m_renderer.renderBlock(doc, block);
    // Parsed inside <body> so the page's body styles (font, colour) reach the fragment.
    scratch.setHtml(QStringLiteral("<html><body>%1</body></html>").arg(cached.rendered.html));
    finishBlock(scratch, &cached);
    return cached;
}

void PreviewPane::finishBlock(QTextDocument &parsed, CachedBlock *cached)
{
    cached->fragment = QTextDocumentFragment(&parsed);
    cached->firstBlockFormat = parsed.begin().blockFormat();
    // The layout drops the bottom margin of a frame's last block; the frame keeps it instead.
    cached->frameFormat.setBorder(0);
    cached->frameFormat.setPadding(0);
    cached->frameFormat.setMargin(0);
    cached->frameFormat.setBottomMargin(parsed.lastBlock().blockFormat().bottomMargin());
}

const PreviewPane::CachedBlock &PreviewPane::cachedBlock(const ShortcodeDocument &doc, const PreviewBlock &block,
                                                         const QString &key)
{
    auto it = m_blockCache.find(key);
    if (it == m_blockCache.end()) {
        if (m_blockCache.size() > kBlockCacheLimit)
            m_blockCache.clear(); // a long session of typing: start over rather than grow
        it = m_blockCache.insert(key, makeBlock(*m_scratch, doc, block));
    } else if (it->fragment.isEmpty() && !it->rendered.html.isEmpty()) {
        // Rendered by a background build, which keeps only the HTML: parsed when first reused.
        m_scratch->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(it->rendered.html));
        finishBlock(*m_scratch, &*it);
    }
    return *it;
}

void PreviewPane::prepareBlocks(const ShortcodeDocument &doc, const QList<PreviewBlock> &blocks,
                                const QStringList &keys)
{
    QList<int> missing;
    QSet<QString> seen;
    for (int i = 0; i < blocks.size(); ++i) {
        if (!m_blockCache.contains(keys.at(i)) && !seen.contains(keys.at(i))) {
            seen.insert(keys.at(i));
            missing.append(i);
        }
    }
    if (missing.size() < kParallelBlocks)
        return; // a few: cachedBlock() makes them as they are inserted
    if (m_blockCache.size() + missing.size() > kBlockCacheLimit)
        m_blockCache.clear();
    // A worker renders and parses the second half of the page while this thread does the
    // first. QTextDocument is reentrant: the worker parses each block into a document of its
    // own and hands it over to this thread, which copies it into a fragment.
    struct Parsed
    {
        RenderedBlock rendered;
        std::unique_ptr<QTextDocument> document;
    };
    const QString sheet = m_scratch->defaultStyleSheet();
    QThread *ui = thread();
    const qsizetype half = missing.size() / 2;
    auto parseSecondHalf = [this, &doc, &blocks, &missing, &sheet, ui, half] {
        std::vector<Parsed> out;
        out.reserve(size_t(missing.size() - half));
        for (qsizetype i = half; i < missing.size(); ++i) {
            Parsed p;
            p.rendered = m_renderer.renderBlock(doc, blocks.at(missing.at(i)));
            p.document = std::make_unique<PreviewDocument>();
            p.document->setUndoRedoEnabled(false);
            p.document->setDefaultStyleSheet(sheet);
            p.document->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(p.rendered.html));
            p.document->moveToThread(ui);
            out.push_back(std::move(p));
        }
        return out;
    };
    QFuture<std::vector<Parsed>> second = QtConcurrent::run(&m_parsePool, parseSecondHalf);
    for (qsizetype i = 0; i < half; ++i)
        m_blockCache.insert(keys.at(missing.at(i)), makeBlock(*m_scratch, doc, blocks.at(missing.at(i))));
    std::vector<Parsed> rest = second.takeResult();
    for (qsizetype i = half; i < missing.size(); ++i) {
        Parsed &p = rest.at(size_t(i - half));
        CachedBlock cached;
        cached.rendered = std::move(p.rendered);
        finishBlock(*p.document, &cached);
        m_blockCache.insert(keys.at(missing.at(i)), cached);
    }
}

void PreviewPane::warmUp()
{
    if (m_page != Page::None)
        return; // a page was rendered already: its fonts are loaded
    // Lays out a little of every style the page uses, so the fonts are opened and shaped once
    // while the pane is idle rather than during the first article's render.
    QTextDocument sample;
    sample.setDefaultStyleSheet(m_scratch->defaultStyleSheet());
    sample.setTextWidth(columnWidth());
    sample.setHtml(QStringLiteral(
        "<html><body><h1 class=\"headline\">Headline 0123</h1><p class=\"dateline\">Date 0123</p>"
        "<p class=\"excerpt\">Excerpt</p><p>Body <em>italic</em> <strong>bold</strong> <a href=\"#\">link</a></p>"
        "<h2>Heading</h2><h3>Subheading</h3><table class=\"wp-caption\"><tr><td class=\"wp-caption-text\">Caption</td></tr>"
        "<tr><td class=\"wp-caption-credit\">Credit</td></tr></table><blockquote>Quote</blockquote></body></html>"));
    sample.documentLayout()->documentSize();
}

static QString blockKey(const ShortcodeDocument &doc, const PreviewBlock &b)
{
    return QString(QStringView(doc.source()).mid(b.range.begin, b.range.length()) + QLatin1Char('\x1f')
                   + QString::number(b.firstCaption));
}

void PreviewPane::renderArticle()
{
    ++m_fullRenders;
    cancelBuild();
    // No layout while the page is assembled: a document with a page size re-lays out from each
    // inserted block to the end, which made a long article quadratic.
    const QString header = m_renderer.articleHeader(m_article, m_authors, now());
    const ShortcodeDocument doc = parser().parse(m_article.body);
    lookUpImages({}, PreviewRenderer::references(doc, {0, doc.source().size()}));
    const QList<PreviewBlock> blocks = PreviewRenderer::splitBody(doc);
    QStringList keys;
    keys.reserve(blocks.size());
    for (const PreviewBlock &b : blocks)
        keys.append(blockKey(doc, b));
    if (blocks.size() >= m_backgroundThreshold) {
        buildInBackground(header, doc, blocks, keys);
        return;
    }
    m_document->setPageSize(QSizeF(0, 0));
    startDocument(header);
    QList<PreviewImageRef> images;
    // The header's avatars are the only images not in a block.
    for (const Author &a : std::as_const(m_authors)) {
        if (const Image *img = m_renderer.library().id(a.avatarImageId))
            images.append({PreviewRenderer::imageUrl(img->id, QSize(48, 48)), img->id, img->sha256, QSize(48, 48)});
    }

    QTextCursor c(m_document);
    c.movePosition(QTextCursor::End);
    c.insertBlock();
    makeSpacer(c);
    m_bodyStart = c.position();

    prepareBlocks(doc, blocks, keys);
    m_blocks.clear();
    m_pageHtml = header;
    m_document->setUndoRedoEnabled(false);
    int position = m_bodyStart;
    c.beginEditBlock(); // one change notification for the whole body
    for (int i = 0; i < blocks.size(); ++i) {
        const PreviewBlock &b = blocks.at(i);
        const QString &key = keys.at(i);
        const CachedBlock &cached = cachedBlock(doc, b, key);
        QTextFrame *frame = insertBlockFrame(m_document, position, cached);
        position = frame->lastPosition() + 1;
        m_blocks.append({key, b, frame});
        m_pageHtml += cached.rendered.html;
        images.append(cached.rendered.images);
    }
    c.endEditBlock();
    // One layout pass for the whole page, from the top, a slice per event-loop turn.
    m_document->setTextWidth(pageWidth());
    startPacedLayout();
    m_lastPatched = int(blocks.size());
    requestImages(images);
    emit rendered();
}

void PreviewPane::setBody(const QString &body)
{
    if (m_page != Page::Article)
        return;
    m_pendingBody = body;
    m_hasPending = true;
    // Coalescing: however many keystrokes arrive before the event loop turns, one update runs,
    // with the latest text.
    if (!m_updateQueued) {
        m_updateQueued = true;
        QTimer::singleShot(0, this, &PreviewPane::applyPendingBody);
    }
}

void PreviewPane::flush()
{
    finishBuild();
    applyPendingBody();
}

void PreviewPane::applyPendingBody()
{
    m_updateQueued = false;
    if (!m_hasPending || m_building)
        return; // typed while a page is built: applied to it once it is shown
    m_hasPending = false;
    m_article.body = m_pendingBody;
    patchBody(m_pendingBody);
}

void PreviewPane::patchBody(const QString &body)
{
    const ShortcodeDocument doc = parser().parse(body);
    const QList<PreviewBlock> blocks = PreviewRenderer::splitBody(doc);
    QStringList keys;
    keys.reserve(blocks.size());
    for (const PreviewBlock &b : blocks)
        keys.append(blockKey(doc, b));

    // Unchanged blocks at both ends stay in the document as they are.
    const int oldCount = int(m_blocks.size());
    const int newCount = int(keys.size());
    int prefix = 0;
    while (prefix < oldCount && prefix < newCount && m_blocks.at(prefix).key == keys.at(prefix)
           && m_blocks.at(prefix).frame)
        ++prefix;
    int suffix = 0;
    while (suffix < oldCount - prefix && suffix < newCount - prefix
           && m_blocks.at(oldCount - 1 - suffix).key == keys.at(newCount - 1 - suffix)
           && m_blocks.at(oldCount - 1 - suffix).frame)
        ++suffix;

    if (prefix < newCount - suffix) {
        // Images the new text names that the page did not show before are looked up first.
        const TextRange changed{blocks.at(prefix).range.begin, blocks.at(newCount - suffix - 1).range.end};
        lookUpImages({}, PreviewRenderer::references(doc, changed));
    }
    QTextCursor edit(m_document);
    edit.beginEditBlock();
    for (int i = oldCount - suffix - 1; i >= prefix; --i)
        removeFrame(m_blocks.at(i).frame);
    int position = prefix > 0 ? m_blocks.at(prefix - 1).frame->lastPosition() + 1 : m_bodyStart;
    QList<ShownBlock> fresh;
    QList<PreviewImageRef> images;
    for (int i = prefix; i < newCount - suffix; ++i) {
        const CachedBlock &cached = cachedBlock(doc, blocks.at(i), keys.at(i));
        QTextFrame *frame = insertBlockFrame(m_document, position, cached);
        position = frame->lastPosition() + 1;
        fresh.append({keys.at(i), blocks.at(i), frame});
        images.append(cached.rendered.images);
    }
    edit.endEditBlock();

    QList<ShownBlock> all;
    all.reserve(newCount);
    all.append(m_blocks.mid(0, prefix));
    all.append(fresh);
    for (int i = oldCount - suffix; i < oldCount; ++i) {
        ShownBlock s = m_blocks.at(i);
        s.block = blocks.at(newCount - (oldCount - i)); // same text, shifted offsets
        all.append(s);
    }
    m_blocks = all;
    m_lastPatched = int(fresh.size());
    requestImages(images);
    emit rendered();
}

void PreviewPane::requestImages(const QList<PreviewImageRef> &images)
{
    m_loader->setDevicePixelRatio(devicePixelRatioF());
    for (const PreviewImageRef &ref : images) {
        const QString url = ref.url.toString();
        m_wantedImages.insert(url);
        if (m_shownImages.contains(url))
            continue;
        QImage image;
        if (m_loader->cached(ref, &image))
            showImage(ref.url, image);
        else
            m_loader->request(ref);
    }
    checkSettled();
}

void PreviewPane::showImage(const QUrl &url, const QImage &image)
{
    m_shownImages.insert(url.toString());
    if (m_building)
        m_stash.append({url, image});
    else
        m_document->addResource(QTextDocument::ImageResource, url, image);
}

void PreviewPane::checkSettled()
{
    if (!m_building && pendingImages() == 0)
        QTimer::singleShot(0, this, [this] {
            if (!m_building && pendingImages() == 0)
                emit imagesSettled();
        });
}

void PreviewPane::cancelBuild()
{
    ++m_generation; // a result still on its way is dropped when it comes
    m_building = false;
    m_loader->setOriginalsHeld(false);
    m_stash.clear();
    m_built.reset();
    m_build = QFuture<void>();
}

void PreviewPane::buildInBackground(const QString &header, const ShortcodeDocument &doc,
                                    const QList<PreviewBlock> &blocks, const QStringList &keys)
{
    m_building = true;
    m_buildImagesRequested = false;
    m_loader->setOriginalsHeld(true);
    m_wantedImages.clear();
    m_shownImages.clear();
    m_stash.clear();
    // The header's avatars are known now; their pixels wait in the stash for the page.
    QList<PreviewImageRef> avatars;
    for (const Author &a : std::as_const(m_authors)) {
        if (const Image *img = m_renderer.library().id(a.avatarImageId))
            avatars.append({PreviewRenderer::imageUrl(img->id, QSize(48, 48)), img->id, img->sha256, QSize(48, 48)});
    }
    requestImages(avatars);

    auto built = std::make_shared<BuiltPage>();
    m_built = built;
    const int generation = m_generation;
    const PreviewRenderer renderer = m_renderer;
    const QString sheet = m_document->defaultStyleSheet();
    const QColor tint = m_tint;
    const QColor ink = m_ink;
    const int side = (pageWidth() - columnWidth()) / 2;
    const int top = m_device == Device::Desktop ? 40 : 20;
    QThread *ui = thread();
    PreviewPane *pane = this;
    m_build = QtConcurrent::run(&m_buildPool, [=] {
        // The same steps as a page built at once (startDocument, insertBlockFrame), into a
        // document of the worker's own that no one else sees until it is handed over.
        auto *d = new PreviewDocument;
        built->document = d;
        d->setUndoRedoEnabled(false);
        d->setPageSize(QSizeF(0, 0));
        d->setDefaultStyleSheet(sheet);
        d->setPlaceholderColors(tint, ink);
        d->setHtml(QStringLiteral("<html><body>%1</body></html>").arg(header));
        QTextFrameFormat root = d->rootFrame()->frameFormat();
        root.setLeftMargin(side);
        root.setRightMargin(side);
        root.setTopMargin(top);
        root.setBottomMargin(64);
        d->rootFrame()->setFrameFormat(root);
        QTextCursor c(d);
        c.movePosition(QTextCursor::End);
        c.insertBlock();
        makeSpacer(c);
        built->bodyStart = c.position();

        // Every block's HTML first: the images it names are asked for at once, so reading
        // them overlaps the parsing below.
        QList<PreviewImageRef> images;
        built->rendered.reserve(blocks.size());
        for (const PreviewBlock &b : blocks) {
            built->rendered.append(renderer.renderBlock(doc, b));
            images.append(built->rendered.constLast().images);
        }
        built->images = images;
        QMetaObject::invokeMethod(
            pane, [pane, generation, images] { pane->requestBuildImages(generation, images); }, Qt::QueuedConnection);

        PreviewDocument scratch;
        scratch.setUndoRedoEnabled(false);
        scratch.setDefaultStyleSheet(sheet);
        built->pageHtml = header;
        int position = built->bodyStart;
        c.beginEditBlock();
        for (qsizetype i = 0; i < blocks.size(); ++i) {
            CachedBlock cached;
            cached.rendered = built->rendered.at(i);
            scratch.setHtml(QStringLiteral("<html><body>%1</body></html>").arg(cached.rendered.html));
            finishBlock(scratch, &cached);
            QTextFrame *frame = insertBlockFrame(d, position, cached);
            position = frame->lastPosition() + 1;
            built->shown.append({keys.at(i), blocks.at(i), frame});
            built->pageHtml += cached.rendered.html;
        }
        c.endEditBlock();
        d->moveToThread(ui);
    });
    auto *watcher = new QFutureWatcher<void>(this);
    connect(watcher, &QFutureWatcher<void>::finished, this, [this, watcher, built, generation] {
        watcher->deleteLater();
        if (generation == m_generation && m_building)
            adoptPage(*built);
    });
    watcher->setFuture(m_build);
}

void PreviewPane::requestBuildImages(int generation, const QList<PreviewImageRef> &images)
{
    if (generation != m_generation || !m_building || m_buildImagesRequested)
        return;
    m_buildImagesRequested = true;
    requestImages(images);
}

void PreviewPane::finishBuild()
{
    if (!m_building || !m_built)
        return;
    m_build.waitForFinished();
    adoptPage(*m_built);
}

void PreviewPane::adoptPage(BuiltPage &page)
{
    m_building = false;
    m_loader->setOriginalsHeld(false);
    m_built.reset();
    PreviewDocument *old = m_document;
    m_document = std::exchange(page.document, nullptr);
    m_document->setParent(this);
    m_browser->setDocument(m_document);
    old->deleteLater(); // taking a long page apart is left to a turn of its own
    for (const auto &[url, image] : std::as_const(m_stash))
        m_document->addResource(QTextDocument::ImageResource, url, image);
    m_stash.clear();
    m_bodyStart = page.bodyStart;
    m_pageHtml = page.pageHtml;
    m_blocks = page.shown;
    if (m_blockCache.size() + page.shown.size() > kBlockCacheLimit)
        m_blockCache.clear();
    for (qsizetype i = 0; i < page.shown.size(); ++i) {
        if (!m_blockCache.contains(page.shown.at(i).key)) {
            CachedBlock cached;
            cached.rendered = page.rendered.at(i);
            m_blockCache.insert(page.shown.at(i).key, cached);
        }
    }
    // One layout pass for the whole page, from the top, a slice per event-loop turn.
    m_document->setTextWidth(pageWidth());
    startPacedLayout();
    m_lastPatched = int(page.shown.size());
    if (!m_buildImagesRequested) {
        m_buildImagesRequested = true;
        requestImages(page.images);
    } else {
        m_browser->viewport()->update();
        checkSettled();
    }
    emit rendered();
    if (m_hasPending && !m_updateQueued) {
        m_updateQueued = true;
        QTimer::singleShot(0, this, &PreviewPane::applyPendingBody);
    }
}

void PreviewPane::showAuthor(qint64 authorId)
{
    m_page = Page::Author;
    m_authorId = authorId;
    m_hasPending = false;
    resetLibrary();
    renderAuthor();
}

void PreviewPane::renderAuthor()
{
    ++m_fullRenders;
    cancelBuild();
    m_blocks.clear();
    const auto author = AuthorRepository(m_db).get(m_authorId);
    if (!author.ok()) {
        startDocument(QStringLiteral("<p class=\"entry-meta\">%1</p>").arg(author.error().toHtmlEscaped()));
        m_pageHtml.clear();
        emit rendered();
        return;
    }
    lookUpImages({author->avatarImageId}, {});
    ArticleRepository articles(m_db);
    ArticleQuery query;
    query.authorId = m_authorId;
    query.sortKey = ArticleQuery::SortKey::Created;
    QList<AuthorPageEntry> entries;
    const auto page = articles.page(query, 0, 50);
    if (page.ok()) {
        for (const ArticleSummary &s : page.value()) {
            if (s.status == ArticleStatus::Spiked)
                continue; // spiked pieces never reach a reader
            const auto full = articles.get(s.id);
            AuthorPageEntry e;
            e.articleId = s.id;
            e.title = s.title;
            if (full.ok()) {
                e.excerpt = full->excerpt.trimmed().isEmpty() ? PreviewRenderer::excerptFromBody(full->body)
                                                              : full->excerpt;
            }
            e.date = s.publishedAt.isValid() ? s.publishedAt : (s.scheduledAt.isValid() ? s.scheduledAt : s.updatedAt);
            if (s.status != ArticleStatus::Published)
                e.statusLabel = statusLabel(s.status);
            entries.append(e);
        }
    }
    QList<PreviewImageRef> images;
    m_pageHtml = m_renderer.authorPage(author.value(), entries, now(), &images);
    startDocument(m_pageHtml);
    m_lastPatched = 0;
    requestImages(images);
    emit rendered();
}

void PreviewPane::scrollToSourceOffset(int offset)
{
    if (m_page != Page::Article || m_blocks.isEmpty())
        return;
    flush();
    int index = 0;
    for (int i = 0; i < m_blocks.size(); ++i) {
        if (m_blocks.at(i).block.range.begin <= offset)
            index = i;
    }
    const ShownBlock &b = m_blocks.at(index);
    if (!b.frame)
        return;
    // Within a block, place the caret proportionally: source and rendered text run in step
    // closely enough for a paragraph to land in view.
    const qsizetype len = std::max<qsizetype>(1, b.block.range.length());
    const double share = std::clamp(double(offset - b.block.range.begin) / double(len), 0.0, 1.0);
    const int first = b.frame->firstPosition();
    const int last = b.frame->lastPosition();
    QTextCursor c(m_document);
    c.setPosition(first + int(share * (last - first)));
    const QRect r = m_browser->cursorRect(c);
    QScrollBar *bar = m_browser->verticalScrollBar();
    bar->setValue(bar->value() + r.top() - m_browser->viewport()->height() / 3);
}

void PreviewPane::onAnchor(const QUrl &url)
{
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("byline-caption")) {
        emit captionClicked(url.path().toInt());
    } else if (scheme == QLatin1String("byline-author")) {
        const qint64 id = url.path().toLongLong();
        emit authorClicked(id);
        showAuthor(id);
    } else if (scheme == QLatin1String("byline-article")) {
        emit articleClicked(url.path().toLongLong());
    } else if (scheme == QLatin1String("http") || scheme == QLatin1String("https")
               || scheme == QLatin1String("mailto")) {
        emit linkClicked(url);
        if (m_openExternally)
            QDesktopServices::openUrl(url);
    }
}

} // namespace byline
