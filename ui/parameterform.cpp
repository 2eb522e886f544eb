#include "parameterform.h"

#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include <climits>
#include <cmath>

namespace proclab {

namespace {

QString rangeText(const ParamSpec& spec)
{
    const QLocale locale;
    const auto number = [&](double v) {
        return spec.type == ParamSpec::Type::Int ? locale.toString(qlonglong(v)) : locale.toString(v, 'g', 6);
    };
    return ParameterForm::tr("%1 to %2").arg(number(spec.minimum), number(spec.maximum));
}

} // namespace

ParameterForm::ParameterForm(QWidget* parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QWidget* ParameterForm::createEditor(const ParamSpec& spec)
{
    QWidget* editor = nullptr;
    switch (spec.type) {
    case ParamSpec::Type::Int: {
        auto* box = new QSpinBox(this);
        // QSpinBox holds an int: larger limits (the specs allow up to 1e12) are clamped for the GUI.
        box->setRange(int(std::max<double>(spec.minimum, INT_MIN)), int(std::min<double>(spec.maximum, INT_MAX)));
        box->setGroupSeparatorShown(true);
        box->setAccelerated(true);
        box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        box->setValue(int(std::clamp<qlonglong>(spec.defaultValue.toLongLong(), box->minimum(), box->maximum())));
        connect(box, &QSpinBox::valueChanged, this, &ParameterForm::paramsChanged);
        editor = box;
        break;
    }
    case ParamSpec::Type::Float: {
        auto* box = new QDoubleSpinBox(this);
        box->setDecimals(2);
        box->setRange(spec.minimum, spec.maximum);
        box->setAccelerated(true);
        box->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        box->setValue(spec.defaultValue.toDouble());
        connect(box, &QDoubleSpinBox::valueChanged, this, &ParameterForm::paramsChanged);
        editor = box;
        break;
    }
    case ParamSpec::Type::String: {
        auto* line = new QLineEdit(spec.defaultValue.toString(), this);
        line->setClearButtonEnabled(true);
        connect(line, &QLineEdit::textChanged, this, &ParameterForm::paramsChanged);
        editor = line;
        break;
    }
    }
    editor->setObjectName(QStringLiteral("param_") + spec.name);
    QString tip = spec.help;
    if (spec.type != ParamSpec::Type::String)
        tip += QLatin1Char('\n') + tr("Range: %1. Default: %2.").arg(rangeText(spec), spec.defaultValue.toString());
    else
        tip += QLatin1Char('\n') + tr("Default: %1").arg(spec.defaultValue.toString());
    editor->setToolTip(tip);
    editor->setStatusTip(spec.help);
    editor->setAccessibleName(spec.name);
    editor->setAccessibleDescription(spec.help);
    return editor;
}

void ParameterForm::setWorkload(const Workload* workload)
{
    m_workload = workload;
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_editors.clear();
    m_helpLabels.clear();
    m_specs = workload ? workload->params() : QList<ParamSpec>();
    for (const ParamSpec& spec : std::as_const(m_specs)) {
        QWidget* editor = createEditor(spec);
        auto* label = new QLabel(spec.name + QLatin1Char(':'), this);
        label->setBuddy(editor);
        label->setToolTip(editor->toolTip());
        m_layout->addRow(label, editor);
        // The help in plain sight: "ms" alone says little on a projector.
        auto* help = new QLabel(spec.help, this);
        help->setWordWrap(true);
        help->setForegroundRole(QPalette::PlaceholderText);
        help->setFont(helpFont());
        m_layout->addRow(QString(), help);
        m_helpLabels.append(help);
        m_editors.append(editor);
    }
    Q_EMIT paramsChanged();
}

QFont ParameterForm::helpFont() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    return small;
}

void ParameterForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        for (QLabel* help : std::as_const(m_helpLabels))
            help->setFont(helpFont());
    }
}

Params ParameterForm::params() const
{
    Params p;
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        const ParamSpec& spec = m_specs.at(i);
        QWidget* editor = m_editors.at(i);
        switch (spec.type) {
        case ParamSpec::Type::Int:
            p.insert(spec.name, qlonglong(static_cast<QSpinBox*>(editor)->value()));
            break;
        case ParamSpec::Type::Float:
            p.insert(spec.name, static_cast<QDoubleSpinBox*>(editor)->value());
            break;
        case ParamSpec::Type::String:
            p.insert(spec.name, static_cast<QLineEdit*>(editor)->text());
            break;
        }
    }
    return p;
}

void ParameterForm::setParams(const Params& params)
{
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        const ParamSpec& spec = m_specs.at(i);
        if (!params.contains(spec.name))
            continue;
        const QVariant value = params.value(spec.name);
        QWidget* editor = m_editors.at(i);
        switch (spec.type) {
        case ParamSpec::Type::Int:
            static_cast<QSpinBox*>(editor)->setValue(int(std::clamp<qlonglong>(value.toLongLong(), INT_MIN, INT_MAX)));
            break;
        case ParamSpec::Type::Float:
            static_cast<QDoubleSpinBox*>(editor)->setValue(value.toDouble());
            break;
        case ParamSpec::Type::String:
            static_cast<QLineEdit*>(editor)->setText(value.toString());
            break;
        }
    }
}

void ParameterForm::resetToDefaults()
{
    if (m_workload)
        setParams(m_workload->defaults());
}

QWidget* ParameterForm::editor(const QString& name) const
{
    for (qsizetype i = 0; i < m_specs.size(); ++i) {
        if (m_specs.at(i).name == name)
            return m_editors.at(i);
    }
    return nullptr;
}

} // namespace proclab
