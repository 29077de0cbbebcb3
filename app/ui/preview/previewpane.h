#pragma once

#include "domain/article.h"
#include "previewrenderer.h"

#include <QDateTime>
#include <QFuture>
#include <QPointer>
#include <QSet>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QThreadPool>
#include <QUrl>
#include <QWidget>

class QAbstractTextDocumentLayout;
class QTextBrowser;
class QToolButton;

namespace byline {

class Database;
class PreviewDocument;
class PreviewImageLoader;

// Shows an article or an author page the way the news site will, and follows the editor live:
// each keystroke re-renders only the paragraphs that changed. Clicks on captions tell the
// editor which caption to select; nothing in it ever touches the network.
class PreviewPane : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreviewPane)
public:
    enum class Device { Desktop, Phone };
    enum class Theme { Light, Dark };
    enum class Page { None, Article, Author };

    static constexpr int kDesktopWidth = 1200;
    static constexpr int kDesktopColumn = 760;
    static constexpr int kPhoneWidth = 390;

    explicit PreviewPane(Database &db, QWidget *parent = nullptr);
    ~PreviewPane() override;

    // A full render of the article page (header, byline, date, excerpt, body).
    void showArticle(const Article &article);
    // The body being typed: coalesced, then patched into the page block by block.
    void setBody(const QString &body);
    // The author's profile and list of articles.
    void showAuthor(qint64 authorId);

    void setDevice(Device device);
    Device device() const { return m_device; }
    void setTheme(Theme theme);
    Theme theme() const { return m_theme; }
    Page page() const { return m_page; }

    // Runs a queued body update now instead of on the next event-loop turn, and shows a page
    // being built in the background at once (waiting for it).
    void flush();
    // Articles of at least this many blocks are built on a worker thread and shown when whole,
    // so the UI thread is never held for a long article; the page shown before stays until then.
    // Shorter ones are built at once.
    void setBackgroundThreshold(int blocks) { m_backgroundThreshold = blocks; }
    static constexpr int kBackgroundBlocks = 24;
    bool isBuilding() const { return m_building; }
    // Relative dates are computed against this time; invalid means "now" (tests pin it).
    void setNow(const QDateTime &now) { m_now = now; }
    // Whether clicked web links open in the system browser (off in tests).
    void setOpenLinksExternally(bool on) { m_openExternally = on; }

    QTextBrowser *browser() const { return m_browser; }
    PreviewDocument *document() const { return m_document; }
    PreviewImageLoader *imageLoader() const { return m_loader; }
    const PreviewRenderer &renderer() const { return m_renderer; }
    int columnWidth() const;
    int pageWidth() const;

    // For tests and the benchmark: the body's blocks as last rendered and the HTML of each.
    int blockCount() const { return int(m_blocks.size()); }
    QString blockHtml(int index) const;
    int lastPatchedBlocks() const { return m_lastPatched; } // blocks re-rendered by the last update
    int fullRenderCount() const { return m_fullRenders; }
    int pendingImages() const;
    // The HTML the page was built from (header + blocks as of the last full render).
    QString pageHtml() const { return m_pageHtml; }

public slots:
    // Scrolls so the place of the body at this UTF-16 offset (the editor's caret) is in view.
    void scrollToSourceOffset(int offset);

signals:
    void captionClicked(int captionIndex);
    void authorClicked(qint64 authorId);
    void articleClicked(qint64 articleId);
    void linkClicked(const QUrl &url);
    void rendered();
    void imagesSettled(); // every image of the page shows its pixels

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // Scrolls sideways so the text column, not the page margin, is in view when the pane is
    // narrower than the page.
    void centerColumn();
    // A rendered block ready to insert: parsed once, reused whenever its text comes back.
    struct CachedBlock
    {
        RenderedBlock rendered;
        QTextDocumentFragment fragment;
        QTextBlockFormat firstBlockFormat; // insertFragment() drops it: applied by hand
        QTextFrameFormat frameFormat;      // carries the last block's bottom margin
    };

    struct ShownBlock
    {
        QString key;
        PreviewBlock block;
        QPointer<QTextFrame> frame;
    };

    // Forgets the library images of the page shown before.
    void resetLibrary();
    // Reads the images with these ids or named by these references into the renderer's library.
    void lookUpImages(const QList<qint64> &imageIds, const QList<PreviewReference> &references);
    QDateTime now() const;
    void renderArticle();
    void renderAuthor();
    void applyPendingBody();
    void patchBody(const QString &body);
    CachedBlock makeBlock(QTextDocument &scratch, const ShortcodeDocument &doc, const PreviewBlock &block) const;
    static void finishBlock(QTextDocument &parsed, CachedBlock *cached);
    // Makes every block of a page not cached yet, on two threads when there are many.
    void prepareBlocks(const ShortcodeDocument &doc, const QList<PreviewBlock> &blocks, const QStringList &keys);
    void warmUp();
    const CachedBlock &cachedBlock(const ShortcodeDocument &doc, const PreviewBlock &block, const QString &key);
    static QTextFrame *insertBlockFrame(QTextDocument *document, int position, const CachedBlock &block);
    // A whole article page made on the worker: its document, moved to this thread, and what the
    // pane keeps about it.
    struct BuiltPage
    {
        BuiltPage() = default;
        Q_DISABLE_COPY_MOVE(BuiltPage)
        ~BuiltPage();
        PreviewDocument *document = nullptr; // owned until adopted
        QList<ShownBlock> shown;
        QList<RenderedBlock> rendered;
        QList<PreviewImageRef> images;
        QString pageHtml;
        int bodyStart = 0;
    };
    void buildInBackground(const QString &header, const ShortcodeDocument &doc, const QList<PreviewBlock> &blocks,
                           const QStringList &keys);
    void requestBuildImages(int generation, const QList<PreviewImageRef> &images);
    void adoptPage(BuiltPage &page);
    void finishBuild();
    void cancelBuild();
    // Puts decoded pixels into the page shown, or keeps them for the page being built.
    void showImage(const QUrl &url, const QImage &image);
    void checkSettled();
    // Lays the page out a slice of a few milliseconds per event-loop turn, in place of the
    // document layout's own steps, which double in size each time (the last ones of a long
    // article held the UI thread for 80 ms and more).
    void startPacedLayout();
    void paceLayout();
    void removeFrame(QTextFrame *frame);
    void startDocument(const QString &headerHtml);
    void requestImages(const QList<PreviewImageRef> &images);
    void onAnchor(const QUrl &url);
    void applyStyle();
    void updateGeometryForDevice();

    Database &m_db;
    PreviewRenderer m_renderer;
    PreviewDocument *m_document = nullptr;
    PreviewImageLoader *m_loader = nullptr;
    QTextBrowser *m_browser = nullptr;
    QToolButton *m_desktopButton = nullptr;
    QToolButton *m_phoneButton = nullptr;
    QToolButton *m_darkButton = nullptr;

    Page m_page = Page::None;
    Device m_device = Device::Desktop;
    Theme m_theme = Theme::Light;
    Article m_article;
    QList<Author> m_authors;
    qint64 m_authorId = 0;
    QDateTime m_now;
    bool m_openExternally = true;

    QString m_pendingBody;
    bool m_hasPending = false;
    bool m_updateQueued = false;

    int m_bodyStart = 0; // document position where the body's first frame goes
    QList<ShownBlock> m_blocks;
    QHash<QString, CachedBlock> m_blockCache; // block text + caption index → parsed HTML
    PreviewDocument *m_scratch = nullptr;     // parses one block's HTML with the page's styles
    QThreadPool m_parsePool;                  // the second thread of a full render
    QThreadPool m_buildPool;                  // builds long pages
    QFuture<void> m_build;
    std::shared_ptr<BuiltPage> m_built;
    int m_generation = 0; // counts pages started: a worker's result for an older one is dropped
    bool m_building = false;
    bool m_buildImagesRequested = false;
    int m_backgroundThreshold = kBackgroundBlocks;
    QList<std::pair<QUrl, QImage>> m_stash; // pixels for the page being built
    QPointer<QAbstractTextDocumentLayout> m_pacedLayout;
    int m_pacePosition = 0;
    bool m_pacing = false;
    bool m_paceQueued = false;
    static constexpr int kLayoutSliceMs = 5;
    static constexpr int kLayoutSliceChars = 1000;
    QColor m_tint;
    QColor m_ink;
    bool m_warmUpQueued = false;
    static constexpr int kBlockCacheLimit = 4000;
    static constexpr int kParallelBlocks = 8;
    QString m_pageHtml;
    int m_lastPatched = 0;
    int m_fullRenders = 0;
    QSet<QString> m_shownImages; // URLs whose pixels are in the document
    QSet<QString> m_wantedImages;
    QSet<qint64> m_askedIds; // looked up in the library for the page shown, found or not
    QSet<qint64> m_askedAttachments;
    QSet<QString> m_askedNames;
};

} // namespace byline
