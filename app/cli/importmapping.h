#pragma once

// How `handoff import` reads the leads file's columns: the mapping saved for the file's
// header or guessed from it, with `--mapping FILE.json` and then `--map "Column=field"` on
// top (MappingOverrides does the matching), and `--show-mapping`, which prints the result
// (a table, or the JSON that --mapping reads) without importing anything.

#include <optional>

#include <QCommandLineParser>
#include <QStringList>

#include "cli/commands.h"
#include "io/columnmapping.h"
#include "io/identitycolumn.h"

namespace handoff {

namespace importmapping {

QList<QCommandLineOption> options();

// The mapping the options ask for on top of `base`. What an override displaced goes to
// *notes. Throws UsageError for a --map mistake, Error when the --mapping file cannot be
// read or does not fit the leads file.
ColumnMapping apply(const QCommandLineParser &parser, const QString &leadsFile,
                    const QStringList &header, const ColumnMapping &base, QStringList *notes);
bool given(const QCommandLineParser &parser);
// The same checks against the file's header alone, before a database is opened or made, so
// a mistake in --map or --mapping leaves nothing behind. Throws UsageError for --map, Error
// for the file or the mapping file.
void check(const QCommandLineParser &parser, const QString &leadsFile);

// Which system's export the file was taken for, by how much, and what came second: a close
// call is said out loud, and a tie asks for --preset.
QString presetVerdict(const QList<ColumnMapping::PresetMatch> &ranking);

// "Leads are known by ..." for the id column the importer chose, while `mapping` still reads
// it as the external id (an override may have given that to another column); else empty.
QString identityLine(const std::optional<identity::Choice> &choice, const ColumnMapping &mapping);

// --show-mapping: how every column will be read. Reads a saved mapping from --db when that
// file exists, never writes to it and never creates it.
int show(const QCommandLineParser &parser, const QString &leadsFile, CommandIo io);

} // namespace importmapping

} // namespace handoff
