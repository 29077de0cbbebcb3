#pragma once

#include "workflow/readiness.h"

namespace byline {

class Database;

// What the readiness rules need to know about this newsroom besides the article: its library
// (looked up by attachment id as the rules ask), its own site address and its house credit
// style. The lookup holds a reference to db, which must outlive the context.
ReadinessContext newsroomReadinessContext(Database &db);

} // namespace byline
