#pragma once

#include "domain/result.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QSet>
#include <QStringList>

namespace byline {

// Checks JSON documents against a JSON Schema (draft 2020-12), so Byline can prove its ninjs
// output valid without a validator Debian does not ship. It knows exactly the keywords IPTC's
// ninjs 2.2 and 3.1 schemas use: type, enum, const, properties, patternProperties, required,
// additionalProperties, unevaluatedProperties, items, minimum, maximum, pattern, format
// (date-time and uri, loosely), $ref into the same document, allOf, anyOf and oneOf. A $ref
// to another document (GeoJSON) cannot be followed and accepts anything; any other keyword
// is ignored, as the specification says of unknown ones.
class JsonSchemaCheck
{
public:
    explicit JsonSchemaCheck(QJsonObject schema) : m_root(std::move(schema)) {}
    static Result<JsonSchemaCheck> load(const QString &path);

    // Empty when the document is valid, else one line per problem: "<JSON pointer>: what".
    QStringList validate(const QJsonValue &document) const;

private:
    // Adds what fails to errors; evaluated collects the object members some keyword looked
    // at, which unevaluatedProperties needs from in-place subschemas.
    void check(const QJsonValue &schema, const QJsonValue &value, const QString &path, QStringList &errors,
               QSet<QString> &evaluated, int depth) const;
    QJsonValue resolve(const QString &ref) const;

    QJsonObject m_root;
};

} // namespace byline
