#include "longwork.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace byline {

namespace {

class LongWorkPool : public QThreadPool
{
public:
    LongWorkPool()
    {
        setObjectName(QStringLiteral("byline long work"));
        setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
    }
};

// Destroyed after main() returns, when it waits for whatever is still running.
Q_GLOBAL_STATIC(LongWorkPool, s_longWork)

} // namespace

QThreadPool *longWorkPool()
{
    return s_longWork();
}

} // namespace byline
