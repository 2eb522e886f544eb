#pragma once

// An editor for a workload's parameters, built from its ParamSpecs: a spin box per number, a line edit per
// string, the spec's help as tooltip. Rebuilt (with the defaults) whenever the workload changes.

#include "content/workload.h"

#include <QWidget>

class QFormLayout;
class QLabel;

namespace proclab {

class ParameterForm : public QWidget {
    Q_OBJECT
public:
    explicit ParameterForm(QWidget* parent = nullptr);

    // Rebuilds the editors with the workload's defaults.
    void setWorkload(const Workload* workload);
    const Workload* workload() const { return m_workload; }

    Params params() const;
    // Applies the values of known parameters; others are ignored.
    void setParams(const Params& params);
    void resetToDefaults();

    // The editor of a parameter ("param_<name>" is also its object name).
    QWidget* editor(const QString& name) const;

Q_SIGNALS:
    void paramsChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    QWidget* createEditor(const ParamSpec& spec);
    QFont helpFont() const;

    const Workload* m_workload = nullptr;
    QFormLayout* m_layout = nullptr;
    QList<ParamSpec> m_specs;
    QList<QWidget*> m_editors; // parallel to m_specs
    QList<QLabel*> m_helpLabels;
};

} // namespace proclab
