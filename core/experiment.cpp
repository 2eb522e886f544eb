#include "experiment.h"
