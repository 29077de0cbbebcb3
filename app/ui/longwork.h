#pragma once

class QThreadPool;

namespace byline {

// Work that may run for seconds or minutes (imports, exports, backups, the full integrity
// check of a large newsroom) runs on this pool, never on QThreadPool::globalInstance(). Qt's
// raster engine splits large fills over the global pool and waits until they are done, so
// long work holding the global pool's threads (two on a two-core machine) held every paint
// of the window until that work ended. Its threads are its own; it has at least four, so the
// kinds of long work never wait for each other either.
QThreadPool *longWorkPool();

} // namespace byline
