#include "migrator.h"

#include "database.h"
#include "sqlerror.h"
#include "transaction.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>

#include <algorithm>

namespace byline {

Result<QList<Migration>> Migrator::load(const QString &dir)
{
    using R = Result<QList<Migration>>;
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})_([A-Za-z0-9_]+)\\.sql$"));
    QList<Migration> out;
    const QStringList files = QDir(dir).entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto m = pattern.match(file);
        if (!m.hasMatch())
            return R::failure(QStringLiteral("migration file %1 is not named NNNN_name.sql").arg(file));
        QFile f(dir + QLatin1Char('/') + file);
        if (!f.open(QIODevice::ReadOnly))
            return R::failure(QStringLiteral("cannot read migration %1: %2").arg(file, f.errorString()));
        out.append({m.captured(1).toInt(), file, QString::fromUtf8(f.readAll())});
    }
    std::sort(out.begin(), out.end(), [](const Migration &a, const Migration &b) { return a.version < b.version; });
    for (int i = 0; i < out.size(); ++i) {
        if (out[i].version != i + 1)
            return R::failure(QStringLiteral("migrations in %1 are not numbered 1, 2, 3…: found %2 at position %3")
                                  .arg(dir, out[i].name).arg(i + 1));
    }
    if (out.isEmpty())
        return R::failure(QStringLiteral("no migrations found in %1").arg(dir));
    return out;
}

QStringList Migrator::splitStatements(const QString &sql)
{
    QStringList out;
    QString current;
    int blockDepth = 0; // BEGIN/CASE … END
    const int n = int(sql.size());
    auto flushWord = [&](const QString &word) {
        const QString w = word.toUpper();
        if (w == QLatin1String("BEGIN") || w == QLatin1String("CASE"))
            ++blockDepth;
        else if (w == QLatin1String("END") && blockDepth > 0)
            --blockDepth;
    };
    QString word;
    for (int i = 0; i < n; ++i) {
        const QChar c = sql.at(i);
        if (c.isLetter() || c == QLatin1Char('_')) {
            word += c;
            current += c;
            continue;
        }
        if (!word.isEmpty()) {
            flushWord(word);
            word.clear();
        }
        if (c == QLatin1Char('-') && i + 1 < n && sql.at(i + 1) == QLatin1Char('-')) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
            current += QLatin1Char('\n');
            continue;
        }
        if (c == QLatin1Char('/') && i + 1 < n && sql.at(i + 1) == QLatin1Char('*')) {
            const int end = int(sql.indexOf(QLatin1String("*/"), i + 2));
            i = end < 0 ? n : end + 1;
            current += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            int j = i + 1;
            while (j < n) {
                if (sql.at(j) == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) {
                        j += 2; // doubled quote
                        continue;
                    }
                    break;
                }
                ++j;
            }
            current += QStringView(sql).mid(i, std::min(j, n - 1) - i + 1);
            i = j;
            continue;
        }
        if (c == QLatin1Char(';') && blockDepth == 0) {
            const QString s = current.trimmed();
            if (!s.isEmpty())
                out << s;
            current.clear();
            continue;
        }
        current += c;
    }
    const QString rest = current.trimmed();
    if (!rest.isEmpty())
        out << rest;
    return out;
}

Result<int> Migrator::migrate(Database &db, const QList<Migration> &migrations)
{
    using R = Result<int>;
    QSqlDatabase conn = db.connection();
    auto current = db.dialect().schemaVersion(conn);
    if (!current)
        return R::failure(current.error());
    int version = *current;
    if (version >= migrations.size())
        return version;

    Transaction all(db);
    if (!all.isActive())
        return R::failure(all.error());
    for (const Migration &m : migrations) {
        if (m.version <= version)
            continue;
        Transaction step(db);
        if (!step.isActive())
            return R::failure(step.error());
        const QStringList statements = splitStatements(m.sql);
        for (int i = 0; i < statements.size(); ++i) {
            QSqlQuery q(conn);
            if (!q.exec(statements[i]))
                return R::failure(QStringLiteral("migration %1 failed at statement %2: %3")
                                      .arg(m.name).arg(i + 1).arg(describeError(q, "apply it")));
        }
        if (Status s = db.dialect().setSchemaVersion(conn, m.version); !s)
            return R::failure(s.error());
        if (Status s = step.commit(); !s)
            return R::failure(s.error());
        version = m.version;
    }
    if (Status s = all.commit(); !s)
        return R::failure(s.error());
    return version;
}

} // namespace byline
