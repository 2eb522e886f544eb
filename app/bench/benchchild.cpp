// proclab-benchchild: the "small C++ program" that `proclab-cli bench` starts to time a bare exec beside a
// worker's start-up. It writes one byte to descriptor 3 (the moment it could take work) and exits.
#include <unistd.h>

int main()
{
    const char ready = 'r';
    return ::write(3, &ready, 1) == 1 ? 0 : 1;
}
