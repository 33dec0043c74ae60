// Arguments, environment, stdin and the exit code.
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv) {
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    for (char **e = environ; *e; e++) printf("env %s\n", *e);
    const char *home = getenv("HOME");
    printf("HOME %s\n", home ? home : "(unset)");
    size_t total = 0;
    int c;
    while ((c = getchar()) != EOF) {
        putchar(toupper(c));
        total++;
    }
    printf("stdin %zu bytes\n", total);
    fprintf(stderr, "to stderr\n");
    return argc > 1 ? atoi(argv[1]) : 0;
}
