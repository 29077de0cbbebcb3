#include "jsonschemacheck.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <cmath>

namespace byline {

namespace {

QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == QLatin1String("integer"))
        return v.isDouble() && std::floor(v.toDouble()) == v.toDouble() && std::isfinite(v.toDouble());
    return typeOf(v) == type;
}

// RFC 3339 date-time, the only reading of "date-time" the specification allows.
bool isDateTime(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return false;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    return date.isValid() && m.captured(4).toInt() < 24 && m.captured(5).toInt() < 60 && m.captured(6).toInt() <= 60;
}

// Loosely RFC 3986: a scheme, a colon and no white space.
bool isUri(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$"));
    return re.match(s).hasMatch();
}

} // namespace

Result<JsonSchemaCheck> JsonSchemaCheck::load(const QString &path)
{
    using R = Result<JsonSchemaCheck>;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("could not read %1: %2").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (!doc.isObject())
        return R::failure(QStringLiteral("%1 is not a JSON schema: %2").arg(path, error.errorString()));
    return JsonSchemaCheck(doc.object());
}

QStringList JsonSchemaCheck::validate(const QJsonValue &document) const
{
    QStringList errors;
    QSet<QString> evaluated;
    check(m_root, document, QString(), errors, evaluated, 0);
    return errors;
}

QJsonValue JsonSchemaCheck::resolve(const QString &ref) const
{
    // Only pointers into this document ("#", "#/$defs/x"); "~1" and "~0" per RFC 6901.
    if (!ref.startsWith(QLatin1Char('#')))
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue at(m_root);
    const QStringList parts = ref.mid(1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (QString part : parts) {
        part.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (at.isObject())
            at = at.toObject().value(part);
        else if (at.isArray())
            at = at.toArray().at(part.toInt());
        else
            return QJsonValue(QJsonValue::Undefined);
    }
    return at;
}

void JsonSchemaCheck::check(const QJsonValue &schema, const QJsonValue &value, const QString &path, QStringList &errors,
                            QSet<QString> &evaluated, int depth) const
{
    const QString where = path.isEmpty() ? QStringLiteral("/") : path;
    if (depth > 100) {
        errors << QStringLiteral("%1: the schema refers to itself too deeply").arg(where);
        return;
    }
    if (schema.isBool()) {
        if (!schema.toBool())
            errors << QStringLiteral("%1: no value is allowed here").arg(where);
        return;
    }
    if (!schema.isObject())
        return;
    const QJsonObject s = schema.toObject();

    if (s.contains(QLatin1String("$ref"))) {
        const QString ref = s.value(QLatin1String("$ref")).toString();
        if (ref.startsWith(QLatin1Char('#'))) {
            const QJsonValue target = resolve(ref);
            if (target.isUndefined())
                errors << QStringLiteral("%1: the schema's $ref %2 leads nowhere").arg(where, ref);
            else
                check(target, value, path, errors, evaluated, depth + 1);
        }
        // A reference to another document cannot be followed offline: it accepts anything.
    }

    if (s.contains(QLatin1String("type"))) {
        const QJsonValue t = s.value(QLatin1String("type"));
        QStringList allowed;
        if (t.isArray()) {
            for (const QJsonValue &one : t.toArray())
                allowed << one.toString();
        } else {
            allowed << t.toString();
        }
        bool ok = false;
        for (const QString &one : std::as_const(allowed))
            ok = ok || hasType(value, one);
        if (!ok) {
            errors << QStringLiteral("%1: expected %2, found %3").arg(where, allowed.join(QStringLiteral(" or ")), typeOf(value));
            return; // the keywords below would only repeat the same mistake
        }
    }
    if (s.contains(QLatin1String("enum")) && !s.value(QLatin1String("enum")).toArray().contains(value))
        errors << QStringLiteral("%1: %2 is not one of the allowed values").arg(where, value.toVariant().toString());
    if (s.contains(QLatin1String("const")) && s.value(QLatin1String("const")) != value)
        errors << QStringLiteral("%1: must be %2").arg(where, s.value(QLatin1String("const")).toVariant().toString());

    if (value.isDouble()) {
        const double x = value.toDouble();
        if (s.contains(QLatin1String("minimum")) && x < s.value(QLatin1String("minimum")).toDouble())
            errors << QStringLiteral("%1: %2 is below the minimum").arg(where).arg(x);
        if (s.contains(QLatin1String("maximum")) && x > s.value(QLatin1String("maximum")).toDouble())
            errors << QStringLiteral("%1: %2 is above the maximum").arg(where).arg(x);
    }

    if (value.isString()) {
        const QString text = value.toString();
        if (s.contains(QLatin1String("pattern"))) {
            // ECMA-262 patterns are unanchored; PCRE reads the ones these schemas use alike.
            const QRegularExpression re(s.value(QLatin1String("pattern")).toString());
            if (!re.isValid() || !re.match(text).hasMatch())
                errors << QStringLiteral("%1: \"%2\" does not match the pattern").arg(where, text);
        }
        const QString format = s.value(QLatin1String("format")).toString();
        if (format == QLatin1String("date-time") && !isDateTime(text))
            errors << QStringLiteral("%1: \"%2\" is not an RFC 3339 date-time").arg(where, text);
        if (format == QLatin1String("uri") && !isUri(text))
            errors << QStringLiteral("%1: \"%2\" is not an absolute URI").arg(where, text);
    }

    if (value.isArray() && s.contains(QLatin1String("items"))) {
        const QJsonArray items = value.toArray();
        for (int i = 0; i < items.size(); ++i) {
            QSet<QString> inner;
            check(s.value(QLatin1String("items")), items.at(i), path + QLatin1Char('/') + QString::number(i), errors, inner, depth + 1);
        }
    }

    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        const QJsonObject properties = s.value(QLatin1String("properties")).toObject();
        const QJsonObject patterns = s.value(QLatin1String("patternProperties")).toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const QString childPath = path + QLatin1Char('/') + it.key();
            bool matched = false;
            if (properties.contains(it.key())) {
                QSet<QString> inner;
                check(properties.value(it.key()), it.value(), childPath, errors, inner, depth + 1);
                matched = true;
            }
            for (auto p = patterns.begin(); p != patterns.end(); ++p) {
                if (QRegularExpression(p.key()).match(it.key()).hasMatch()) {
                    QSet<QString> inner;
                    check(p.value(), it.value(), childPath, errors, inner, depth + 1);
                    matched = true;
                }
            }
            if (!matched && s.contains(QLatin1String("additionalProperties"))) {
                const QJsonValue extra = s.value(QLatin1String("additionalProperties"));
                if (extra.isBool() && !extra.toBool()) {
                    errors << QStringLiteral("%1: the property \"%2\" is not allowed").arg(where, it.key());
                } else {
                    QSet<QString> inner;
                    check(extra, it.value(), childPath, errors, inner, depth + 1);
                }
                matched = true;
            }
            if (matched)
                evaluated.insert(it.key());
        }
        for (const QJsonValue &name : s.value(QLatin1String("required")).toArray()) {
            if (!object.contains(name.toString()))
                errors << QStringLiteral("%1: the required property \"%2\" is missing").arg(where, name.toString());
        }
    }

    for (const QJsonValue &sub : s.value(QLatin1String("allOf")).toArray())
        check(sub, value, path, errors, evaluated, depth + 1);
    const auto branches = [&](const char *keyword, bool exactlyOne) {
        const QJsonArray list = s.value(QLatin1String(keyword)).toArray();
        if (list.isEmpty())
            return;
        int passed = 0;
        QStringList firstErrors;
        for (const QJsonValue &sub : list) {
            QStringList branchErrors;
            QSet<QString> branchEvaluated;
            check(sub, value, path, branchErrors, branchEvaluated, depth + 1);
            if (branchErrors.isEmpty()) {
                ++passed;
                evaluated.unite(branchEvaluated); // only passing branches count as evaluated
            } else if (firstErrors.isEmpty()) {
                firstErrors = branchErrors;
            }
        }
        if (passed == 0)
            errors << QStringLiteral("%1: matches none of %2 (first: %3)").arg(where, QLatin1String(keyword), firstErrors.join(QStringLiteral("; ")));
        else if (exactlyOne && passed > 1)
            errors << QStringLiteral("%1: matches %2 of oneOf, must match exactly one").arg(where).arg(passed);
    };
    branches("anyOf", false);
    branches("oneOf", true);

    // Last, because it depends on what every other keyword here looked at.
    if (value.isObject() && s.contains(QLatin1String("unevaluatedProperties"))) {
        const QJsonValue rest = s.value(QLatin1String("unevaluatedProperties"));
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (evaluated.contains(it.key()))
                continue;
            if (rest.isBool() && !rest.toBool()) {
                errors << QStringLiteral("%1: the property \"%2\" is not allowed").arg(where, it.key());
            } else {
                QSet<QString> inner;
                check(rest, it.value(), path + QLatin1Char('/') + it.key(), errors, inner, depth + 1);
            }
            evaluated.insert(it.key());
        }
    }
}

} // namespace byline
