#include "mpi/mpiprotocol.h"

#include <QCborValue>

#include <algorithm>

namespace proclab::mpi {

QString toString(Shape shape)
{
    switch (shape) {
    case Shape::Spmd:
        return QStringLiteral("mpi-spmd");
    case Shape::Farm:
        return QStringLiteral("mpi-farm");
    case Shape::Exchange:
        return QStringLiteral("mpi-exchange");
    }
    return {};
}

QCborMap Exchange::toConfig() const
{
    QCborMap m { { QStringLiteral("exchange_bytes"), bytes },
        { QStringLiteral("order"),
            order == Order::Sendrecv       ? QStringLiteral("sendrecv")
                : order == Order::PingPong ? QStringLiteral("ping-pong")
                                           : QStringLiteral("send-first") } };
    if (order == Order::PingPong) {
        m.insert(QStringLiteral("rounds"), rounds);
        m.insert(QStringLiteral("budget_ns"), budgetNs);
    }
    return m;
}

std::optional<Exchange> Exchange::fromConfig(const QCborMap& config)
{
    const QCborValue bytes = config.value(QStringLiteral("exchange_bytes"));
    const QString order = config.value(QStringLiteral("order")).toString();
    // At most 1 GiB: MPI counts are ints, and a classroom machine has a few GB for two copies per rank.
    if (!bytes.isInteger() || bytes.toInteger() < 0 || bytes.toInteger() > (qint64(1) << 30))
        return std::nullopt;
    Exchange x;
    x.bytes = bytes.toInteger();
    if (order == QLatin1String("sendrecv"))
        x.order = Order::Sendrecv;
    else if (order == QLatin1String("ping-pong")) {
        x.order = Order::PingPong;
        const QCborValue rounds = config.value(QStringLiteral("rounds"));
        const QCborValue budget = config.value(QStringLiteral("budget_ns"));
        if (x.bytes < 1 || !rounds.isInteger() || rounds.toInteger() < 1 || !budget.isInteger()
            || budget.toInteger() < 0)
            return std::nullopt;
        x.rounds = rounds.toInteger();
        x.budgetNs = budget.toInteger();
    } else if (order != QLatin1String("send-first"))
        return std::nullopt;
    return x;
}

QString collectiveName(qint64 code)
{
    switch (Collective(code)) {
    case Collective::Barrier:
        return QStringLiteral("MPI_Barrier");
    case Collective::Bcast:
        return QStringLiteral("MPI_Bcast");
    case Collective::Reduce:
        return QStringLiteral("MPI_Reduce");
    case Collective::Gather:
        return QStringLiteral("MPI_Gather");
    case Collective::Gatherv:
        return QStringLiteral("MPI_Gatherv");
    case Collective::Scatterv:
        return QStringLiteral("MPI_Scatterv");
    }
    return QStringLiteral("collective %1").arg(code);
}

QString rankProcessName(int rank, const QString& host)
{
    return QStringLiteral("rank %1 on %2").arg(rank).arg(host);
}

std::optional<RankName> parseRankProcessName(const QString& name)
{
    static const QLatin1StringView prefix("rank ");
    static const QLatin1StringView on(" on ");
    if (!name.startsWith(prefix))
        return std::nullopt;
    const qsizetype at = name.indexOf(on, prefix.size());
    if (at < 0)
        return std::nullopt;
    bool ok = false;
    const int rank = name.mid(prefix.size(), at - prefix.size()).toInt(&ok);
    const QString host = name.mid(at + on.size());
    if (!ok || rank < 0 || host.isEmpty())
        return std::nullopt;
    return RankName { rank, host };
}

QString farmTagName(qint64 tag)
{
    switch (tag) {
    case TagReady:
        return QStringLiteral("ready");
    case TagWork:
        return QStringLiteral("work");
    case TagResult:
        return QStringLiteral("result");
    case TagStop:
        return QStringLiteral("stop");
    case TagExchange:
        return QStringLiteral("exchange");
    default:
        return QStringLiteral("tag %1").arg(tag);
    }
}

namespace {
bool is(const QCborArray& m, Msg type, qsizetype size)
{
    return m.size() >= size && m.at(0).toInteger(-1) == int(type);
}
} // namespace

QCborArray Hello::encode() const
{
    return { int(Msg::Hello), token, rank, size, host, pid, tMainNs, tInitDoneNs, sharedMemory };
}

std::optional<Hello> Hello::decode(const QCborArray& m)
{
    if (!is(m, Msg::Hello, 8) || !m.at(1).isString() || !m.at(2).isInteger() || !m.at(3).isInteger()
        || !m.at(4).isString())
        return std::nullopt;
    Hello h;
    h.token = m.at(1).toString();
    h.rank = int(m.at(2).toInteger());
    h.size = int(m.at(3).toInteger());
    h.host = m.at(4).toString();
    h.pid = m.at(5).toInteger();
    h.tMainNs = m.at(6).toInteger();
    h.tInitDoneNs = m.at(7).toInteger();
    h.sharedMemory = m.at(8).toString(); // absent: none
    if (h.size < 1 || h.rank < 0 || h.rank >= h.size)
        return std::nullopt;
    return h;
}

QCborArray Init::encode() const
{
    return { int(Msg::Init), int(shape), kernel, config, inputs, chunksize, paceNs, survive, ranks };
}

std::optional<Init> Init::decode(const QCborArray& m)
{
    if (!is(m, Msg::Init, 7) || !m.at(2).isString() || !m.at(3).isMap() || !m.at(4).isArray())
        return std::nullopt;
    Init i;
    const qint64 shape = m.at(1).toInteger();
    if (shape < int(Shape::Spmd) || shape > int(Shape::Exchange))
        return std::nullopt;
    i.shape = Shape(shape);
    i.kernel = m.at(2).toString();
    i.config = m.at(3).toMap();
    i.inputs = m.at(4).toArray();
    i.chunksize = int(std::max<qint64>(1, m.at(5).toInteger()));
    i.paceNs = std::max<qint64>(0, m.at(6).toInteger());
    i.survive = m.size() > 7 && m.at(7).isTrue();
    i.ranks = m.size() > 8 ? int(std::max<qint64>(0, m.at(8).toInteger())) : 0;
    return i;
}

QCborArray Result::encode() const
{
    return { int(Msg::Result), results, reducedSum ? QCborValue(*reducedSum) : QCborValue(QCborValue::Null), tRankNs,
        reducedCounts };
}

std::optional<Result> Result::decode(const QCborArray& m)
{
    if (!is(m, Msg::Result, 4) || !m.at(1).isArray())
        return std::nullopt;
    Result r;
    r.results = m.at(1).toArray();
    if (m.at(2).isInteger())
        r.reducedSum = m.at(2).toInteger();
    r.tRankNs = m.at(3).toInteger();
    for (const QCborValue& v : m.at(4).toArray()) { // absent before the histogram reduce existed
        if (!v.isInteger())
            return std::nullopt;
        r.reducedCounts.append(v);
    }
    return r;
}

QCborArray Output::encode() const
{
    return { int(Msg::Output), name, offset, bytes };
}

std::optional<Output> Output::decode(const QCborArray& m)
{
    if (!is(m, Msg::Output, 4) || !m.at(1).isString() || !m.at(2).isInteger() || m.at(2).toInteger() < 0
        || !m.at(3).isByteArray())
        return std::nullopt;
    return Output { m.at(1).toString(), m.at(2).toInteger(), m.at(3).toByteArray() };
}

namespace {
bool appendCounts(const QCborValue& v, std::vector<qint64>* out, int depth)
{
    if (v.isInteger()) {
        out->push_back(v.toInteger());
        return true;
    }
    if (!v.isArray() || depth > 4)
        return false;
    for (const QCborValue& x : v.toArray())
        if (!appendCounts(x, out, depth + 1))
            return false;
    return true;
}
} // namespace

std::optional<std::vector<qint64>> flattenCounts(const QCborValue& result)
{
    std::vector<qint64> counts;
    if (!appendCounts(result, &counts, 0))
        return std::nullopt;
    return counts;
}

ClockSample clockSample(qint64 engineSendNs, qint64 rankNs, qint64 engineRecvNs)
{
    const qint64 rtt = engineRecvNs - engineSendNs;
    // The rank read its clock somewhere in the round trip: the middle is off by at most rtt/2.
    return { rankNs, engineSendNs + rtt / 2 - rankNs, rtt };
}

void ClockModel::add(const ClockSample& s)
{
    if (!m_points.empty() && s.rankNs <= m_points.back().rankNs)
        return;
    m_points.push_back(s);
}

qint64 ClockModel::toEngine(qint64 rankNs) const
{
    if (m_points.empty())
        return rankNs;
    if (rankNs <= m_points.front().rankNs)
        return rankNs + m_points.front().offsetNs;
    if (rankNs >= m_points.back().rankNs)
        return rankNs + m_points.back().offsetNs;
    const auto next = std::upper_bound(
        m_points.begin(), m_points.end(), rankNs, [](qint64 t, const ClockSample& p) { return t < p.rankNs; });
    const ClockSample& b = *next;
    const ClockSample& a = *(next - 1);
    const double f = double(rankNs - a.rankNs) / double(b.rankNs - a.rankNs);
    return rankNs + a.offsetNs + qint64(f * double(b.offsetNs - a.offsetNs));
}

} // namespace proclab::mpi
