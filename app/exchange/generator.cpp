#include "generator.h"

#include "archivewriter.h"
#include "database.h"

#include "domain/article.h"
#include "domain/author.h"
#include "domain/image.h"
#include "domain/slug.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>

#include <array>
#include <cmath>

namespace byline {

namespace {

// The first WordPress id of a generated archive (images first, then posts).
constexpr qint64 kFirstWordPressId = 500000;

// splitmix64: tiny, fast and defined by its arithmetic alone, so a seed gives the same stream
// on every platform and compiler (std:: distributions do not promise that).
class Rng
{
public:
    explicit Rng(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return n <= 0 ? 0 : int(next() % quint64(n)); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    // Index skewed towards the front of a list: common words come first, as in real text.
    int skewed(int n) { return std::min(n - 1, int(n * unit() * unit())); }
    bool chance(double p) { return unit() < p; }

private:
    quint64 m_state;
};

enum class Language { English, Russian, Kazakh };

// Word lists written for this generator: everyday newsroom vocabulary, most frequent first.
struct Vocabulary
{
    QStringList words;
    QStringList syllables; // place and family names are built from these
    QStringList firstNames;
    QStringList roles;
    QString photoMarker; // how a caption's credit starts: the house writes "Photo: " in every language
};

QStringList split(const char *text)
{
    return QString::fromUtf8(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

const Vocabulary &vocabulary(Language language)
{
    static const std::array<Vocabulary, 3> all = {{
        {split("the of and to in a is that for on was with said by it as at from be has have are this "
               "will not but his her they were an which their been city council people year new government "
               "minister report water school price market road river village farmers region officials "
               "plan budget week month police court hospital children families workers company bank "
               "election vote parliament law project railway bridge winter spring summer autumn harvest "
               "wheat grain cattle sheep horses steppe mountain lake border trade oil gas energy power "
               "heating prices wages teachers doctors students museum theatre festival concert library "
               "football stadium match team coach season drought flood storm snow rain road repairs "
               "construction housing rent mayor district residents survey census statistics growth "
               "decline exports imports tariff currency inflation loan investors factory mine copper "
               "uranium coal pipeline airport flights tourism hotel restaurant market bazaar tradition "
               "language history archive newspaper editor interview photographer journalist broadcast"),
         split("al ma ty ka ra su tan bek or da gan tal kor men zhan sar ay tau kol bul ak kent"),
         split("Aigerim Daniyar Marat Saule Yerlan Dana Timur Asel Nurlan Gulnara Arman Madina"),
         split("Reporter Editor Correspondent Photographer Columnist Analyst"),
         QStringLiteral("Photo: ")},
        {split("и в не на что с по он это как к из у за от о для она так его но все было мы уже они года "
               "город власти жители районе области году неделе месяце правительство министр закон суд "
               "больница школа учителя врачи дети семьи рабочие завод шахта уголь медь нефть газ цены "
               "рынок базар зерно пшеница урожай скот овцы лошади степь горы озеро река мост дорога "
               "ремонт строительство жильё аренда аким депутаты выборы голосование бюджет налоги кредит "
               "банк инфляция тенге экспорт импорт граница торговля железная поезд аэропорт рейсы "
               "туризм гостиница музей театр фестиваль концерт библиотека архив газета редактор "
               "интервью фотограф журналист футбол стадион матч команда тренер сезон засуха наводнение "
               "буря снег дождь зима весна лето осень ёлка праздник отопление электричество вода"),
         split("ал ма ка ра су тан бек ор да ган тал кор мен жан сар ай тау кол бул ак кент"),
         split("Айгерим Данияр Марат Сауле Ерлан Дана Тимур Асель Нурлан Гульнара Арман Мадина"),
         split("Корреспондент Редактор Обозреватель Фотограф Аналитик Репортёр"),
         QStringLiteral("Photo: ")},
        {split("және мен бұл да де үшін бір ол деп осы еді жылы қала әкімдік тұрғындар аудан облыс "
               "үкімет министр заң сот аурухана мектеп мұғалімдер дәрігерлер балалар отбасылар жұмысшылар "
               "зауыт шахта көмір мыс мұнай газ баға нарық базар астық бидай егін мал қой жылқы дала "
               "тау көл өзен көпір жол жөндеу құрылыс тұрғын үй жалға әкім депутаттар сайлау дауыс "
               "бюджет салық несие банк инфляция теңге экспорт импорт шекара сауда теміржол пойыз "
               "әуежай рейстер туризм қонақүй мұражай театр фестиваль концерт кітапхана мұрағат газет "
               "редактор сұхбат фотограф журналист футбол стадион ойын команда жаттықтырушы маусым "
               "құрғақшылық су тасқыны боран қар жаңбыр қыс көктем жаз күз мереке жылу электр әлем "
               "ауыл шаруалар қазақстан жаңалықтар білім ғылым тарих тіл мәдениет өнер халық"),
         split("ал ма қа ра су тан бек ор да ған тал қор мен жан сар ай тау көл бұл ақ кент"),
         split("Әйгерім Данияр Марат Сәуле Ерлан Дана Тимур Әсел Нұрлан Гүлнар Арман Мәдина"),
         split("Тілші Редактор Шолушы Фотограф Сарапшы Репортер"),
         QStringLiteral("Photo: ")},
    }};
    return all[size_t(language)];
}

const QStringList &agencies()
{
    static const QStringList list = {QStringLiteral("Reuters"), QStringLiteral("AFP"), QStringLiteral("AP"),
                                     QStringLiteral("Steppe Ledger"), QStringLiteral("Kazinform"),
                                     QStringLiteral("Vlast.kz")};
    return list;
}

QString capitalized(QString s)
{
    if (!s.isEmpty())
        s[0] = s.at(0).toUpper();
    return s;
}

// A place or family name: two or three syllables, so the archive has a long tail of rare words.
QString name(Rng &rng, const Vocabulary &v)
{
    QString s;
    const int parts = 2 + rng.below(2);
    for (int i = 0; i < parts; ++i)
        s += v.syllables.at(rng.below(int(v.syllables.size())));
    return capitalized(s);
}

void appendSentence(QString &out, Rng &rng, const Vocabulary &v, qint64 &words)
{
    const int n = 6 + rng.below(12);
    for (int i = 0; i < n; ++i) {
        QString w = rng.chance(0.06) ? name(rng, v) : v.words.at(rng.skewed(int(v.words.size())));
        if (i == 0)
            w = capitalized(w);
        if (i > 0)
            out += QLatin1Char(' ');
        out += w;
        if (i > 1 && i < n - 2 && rng.chance(0.07))
            out += QLatin1Char(',');
    }
    out += rng.chance(0.08) ? QLatin1Char('?') : QLatin1Char('.');
    words += n;
}

QString sentence(Rng &rng, const Vocabulary &v, int minWords, int maxWords)
{
    QString s;
    const int n = minWords + rng.below(maxWords - minWords + 1);
    for (int i = 0; i < n; ++i) {
        if (i > 0)
            s += QLatin1Char(' ');
        s += rng.chance(0.25) ? name(rng, v) : v.words.at(rng.skewed(int(v.words.size())));
    }
    return capitalized(s);
}

struct GeneratedImage
{
    qint64 id = 0;
    int attachmentId = 0;
    QString caption;
    QString credit;
    QString alt;
};

QString captionShortcode(const GeneratedImage &img, Language language)
{
    const QString marker = vocabulary(language).photoMarker;
    return QStringLiteral("[caption id=\"attachment_%1\" align=\"alignnone\" width=\"800\"]"
                          "<img class=\"size-large wp-image-%1\" src=\"https://example.org/media/gen-%1.png\" "
                          "alt=\"%2\" width=\"800\" height=\"533\" /> %3 %4%5[/caption]")
        .arg(QString::number(img.attachmentId), img.alt, img.caption, marker, img.credit);
}

} // namespace

QByteArray NewsroomGenerator::imageBytes(quint64 seed, int index)
{
    Rng rng(seed * 1000003ULL + quint64(index));
    QImage image(8, 8, QImage::Format_RGB32);
    for (int y = 0; y < 8; ++y) {
        for (int x = 0; x < 8; ++x)
            image.setPixel(x, y, 0xFF000000u | quint32(rng.next() & 0xFFFFFF));
    }
    // The index itself in the first row makes equal random streams impossible to collide.
    image.setPixel(0, 0, 0xFF000000u | quint32(index & 0xFFFFFF));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

Result<NewsroomGenerator::Report> NewsroomGenerator::generate(Database &db, const Options &options,
                                                             const std::function<void(qint64)> &progress)
{
    using R = Result<Report>;
    QElapsedTimer timer;
    timer.start();
    const QDateTime reference = options.reference.isValid()
                                    ? options.reference.toUTC()
                                    : QDateTime(QDate::currentDate(), QTime(0, 0), Qt::UTC);
    const qint64 ref = reference.toSecsSinceEpoch();
    Report report;
    ArchiveWriter writer(db);
    if (Status s = writer.begin(); !s)
        return R::failure(s.error());

    // Images first: captions in article bodies point at them.
    Rng imageRng(options.seed ^ 0x1A6E5ULL);
    QList<GeneratedImage> images;
    images.reserve(options.images);
    for (int i = 0; i < options.images; ++i) {
        const Language language = Language(imageRng.below(3));
        const Vocabulary &v = vocabulary(language);
        GeneratedImage g;
        g.attachmentId = kFirstWordPressId + i;
        g.caption = QString(sentence(imageRng, v, 4, 9) + QLatin1Char('.'));
        g.credit = imageRng.chance(0.6) ? agencies().at(imageRng.below(int(agencies().size())))
                                        : QString(v.firstNames.at(imageRng.below(int(v.firstNames.size())))
                                                  + QLatin1Char(' ') + name(imageRng, v));
        g.alt = sentence(imageRng, v, 3, 6);
        Image meta;
        meta.mimeType = QStringLiteral("image/png");
        meta.width = 8;
        meta.height = 8;
        meta.originalFileName = QStringLiteral("gen-%1.png").arg(g.attachmentId);
        meta.wpAttachmentId = g.attachmentId;
        meta.title = sentence(imageRng, v, 2, 4);
        meta.caption = g.caption;
        meta.creditLine = g.credit;
        meta.creator = g.credit;
        meta.altText = g.alt;
        meta.createdAt = QDateTime::fromSecsSinceEpoch(ref - qint64(imageRng.below(3650)) * 86400, Qt::UTC);
        auto id = writer.addImage(options.imagePixels ? imageBytes(options.seed, i) : QByteArray(), meta);
        if (!id)
            return R::failure(id.error());
        g.id = *id;
        images << g;
    }
    report.images = int(images.size());

    Rng authorRng(options.seed ^ 0xA07401ULL);
    QList<qint64> authorIds;
    for (int i = 0; i < options.authors; ++i) {
        const Vocabulary &v = vocabulary(Language(i % 3));
        Author a;
        a.displayName = QString(v.firstNames.at(authorRng.below(int(v.firstNames.size()))) + QLatin1Char(' ')
                                + name(authorRng, v));
        a.slug = QString(slugify(a.displayName) + QStringLiteral("-%1").arg(i + 1));
        a.roleLine = v.roles.at(authorRng.below(int(v.roles.size())));
        QString bio;
        qint64 ignored = 0;
        for (int s = 0; s < 3; ++s) {
            if (s > 0)
                bio += QLatin1Char(' ');
            appendSentence(bio, authorRng, v, ignored);
        }
        a.bio = bio;
        a.email = QString(a.slug + QStringLiteral("@example.org"));
        auto id = writer.addAuthor(a);
        if (!id)
            return R::failure(id.error());
        authorIds << *id;
    }
    report.authors = int(authorIds.size());

    static const QStringList tagPool = split(
        "Politics Economy Business Energy Agriculture Culture Sport Health Education Transport Environment "
        "Regions Almaty Astana Shymkent Courts Elections Weather History Science Technology Tourism Media "
        "Политика Экономика Культура Спорт Регионы Саясат Экономика Мәдениет Спорт Аймақтар");

    // Each article draws from its own stream, so changing one article's length does not shift
    // every article after it.
    for (qint64 n = 0; n < options.articles; ++n) {
        Rng rng(options.seed * 0x100000001B3ULL + quint64(n) * 0x9E3779B97F4A7C15ULL + 1);
        const Language language = Language(rng.below(3));
        const Vocabulary &v = vocabulary(language);
        Article a;
        // WordPress numbers posts and attachments from one sequence: the archive's posts come
        // after its images, as in a site whose export the newsroom was moved over from.
        a.wpPostId = kFirstWordPressId + options.images + n;
        a.title = sentence(rng, v, 4, 9);
        a.slug = QString(slugify(a.title, 60) + QStringLiteral("-%1").arg(n + 1));
        QString excerpt;
        qint64 words = 0;
        appendSentence(excerpt, rng, v, words);
        a.excerpt = excerpt;

        // 300 to 3000 words, most articles near the short end as in a real archive.
        const double u = rng.unit();
        const int target = 300 + int(2700 * u * u * u);
        QString body;
        body.reserve(target * 8);
        int paragraph = 0;
        words = 0;
        while (words < target) {
            body += QLatin1String("<p>");
            const int sentences = 3 + rng.below(5);
            for (int s = 0; s < sentences; ++s) {
                if (s > 0)
                    body += QLatin1Char(' ');
                appendSentence(body, rng, v, words);
            }
            body += QLatin1String("</p>\n\n");
            if (!images.isEmpty() && ++paragraph % 4 == 0 && rng.chance(0.5))
                body += QString(captionShortcode(images.at(rng.below(int(images.size()))), language)
                                + QLatin1String("\n\n"));
        }
        a.body = body;
        report.words += words;

        const int roll = rng.below(100);
        a.status = roll < 70   ? ArticleStatus::Published
                   : roll < 80 ? ArticleStatus::Draft
                   : roll < 86 ? ArticleStatus::InEdit
                   : roll < 90 ? ArticleStatus::Ready
                   : roll < 95 ? ArticleStatus::Scheduled
                               : ArticleStatus::Spiked;
        const qint64 created = ref - qint64(rng.next() % (3650ULL * 86400ULL)) - 3600;
        a.createdAt = QDateTime::fromSecsSinceEpoch(created, Qt::UTC);
        if (a.status == ArticleStatus::Published) {
            a.publishedAt = QDateTime::fromSecsSinceEpoch(std::min(ref, created + 3600 * (1 + rng.below(48))), Qt::UTC);
            a.updatedAt = a.publishedAt;
        } else if (a.status == ArticleStatus::Scheduled) {
            a.scheduledAt = QDateTime::fromSecsSinceEpoch(ref + 3600 * (1 + rng.below(24 * 60)), Qt::UTC);
            a.updatedAt = QDateTime::fromSecsSinceEpoch(ref - rng.below(86400 * 7), Qt::UTC);
        } else {
            a.updatedAt = QDateTime::fromSecsSinceEpoch(std::min(ref, created + rng.below(86400 * 30)), Qt::UTC);
        }
        if (!images.isEmpty() && rng.chance(0.7))
            a.featuredImageId = images.at(rng.below(int(images.size()))).id;
        if (!authorIds.isEmpty()) {
            const qint64 first = authorIds.at(rng.skewed(int(authorIds.size())));
            a.authorIds << first;
            if (rng.chance(0.15)) {
                const qint64 second = authorIds.at(rng.below(int(authorIds.size())));
                if (second != first)
                    a.authorIds << second;
            }
        }
        const int tagCount = rng.below(4);
        for (int t = 0; t < tagCount; ++t) {
            const QString tag = tagPool.at(rng.skewed(int(tagPool.size())));
            if (!a.tags.contains(tag))
                a.tags << tag;
        }
        auto id = writer.addArticle(a);
        if (!id)
            return R::failure(id.error());
        ++report.articles;
        if (report.articles % options.batchSize == 0) {
            if (Status s = writer.commit(); !s)
                return R::failure(s.error());
            if (progress)
                progress(report.articles);
            if (Status s = writer.begin(); !s)
                return R::failure(s.error());
        }
    }
    if (Status s = writer.commit(); !s)
        return R::failure(s.error());
    if (progress)
        progress(report.articles);
    report.milliseconds = timer.elapsed();
    report.articlesPerSecond = report.milliseconds > 0 ? report.articles * 1000.0 / report.milliseconds : 0;
    return report;
}

} // namespace byline
