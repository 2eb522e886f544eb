// proclab-cli lesson NAME: a lesson's experiment (a demo or a small sweep), headless, or its Python program.

#include "common.h"

#include "content/demo.h"
#include "lab/experiment.h"
#include "lab/lesson.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QTextStream>

#include <cstdio>

namespace proclab::cli {

int cmdLesson(const QStringList& args)
{
    QCommandLineParser p;
    addCommon(p);
    p.addOption({ QStringLiteral("list"), QStringLiteral("list the lessons") });
    p.addOption({ QStringLiteral("python"), QStringLiteral("print the lesson's Python program") });
    p.addPositionalArgument(QStringLiteral("name"), QStringLiteral("lesson"));
    if (auto r = parse(p, args))
        return *r;
    const bool json = p.isSet(QStringLiteral("json"));
    if (p.isSet(QStringLiteral("list"))) {
        QJsonArray list;
        for (const Lesson& l : lessons()) {
            list.append(QJsonObject { { QStringLiteral("name"), l.name }, { QStringLiteral("title"), l.title() } });
            if (!json)
                out() << l.name << '\t' << l.title() << '\n';
        }
        if (json)
            printJson({ { QStringLiteral("lessons"), list } });
        out() << Qt::flush;
        return Ok;
    }
    const QStringList pos = p.positionalArguments();
    if (pos.size() != 2)
        return badInput(QStringLiteral("lesson needs one name, or --list"));
    const Lesson* lesson = findLesson(pos.at(1));
    if (!lesson) {
        QStringList names;
        for (const Lesson& l : lessons())
            names << l.name;
        return badInput(QStringLiteral("unknown lesson '%1' (%2)").arg(pos.at(1), names.join(QStringLiteral(", "))));
    }
    if (p.isSet(QStringLiteral("python"))) {
        out() << lesson->python() << Qt::flush;
        return Ok;
    }
    DemoOutput output([json](const QByteArray& text) {
        if (json)
            return;
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        std::fflush(stdout);
    });
    SweepResult sweep;
    const int code = runLessonAction(*lesson, output, &sweep);
    if (json) {
        QJsonObject o { { QStringLiteral("lesson"), lesson->name }, { QStringLiteral("title"), lesson->title() },
            { QStringLiteral("exit_code"), code }, { QStringLiteral("output"), QString::fromUtf8(output.text()) } };
        if (lesson->action.kind == LessonAction::Kind::Sweep)
            o.insert(QStringLiteral("sweep"), sweep.toJson());
        printJson(o);
    }
    return code == Ok ? Ok : EngineError;
}

} // namespace proclab::cli
