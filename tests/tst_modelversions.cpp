// Model versions and their sign-off rules, the repository behind them, and the draft's undo
// history.

#include <QAbstractItemModelTester>
#include <QSignalSpy>

#include <QTest>
#include <cmath>

#include "scoring/activityweightsmodel.h"
#include "scoring/draftdocument.h"
#include "scoring/modeldiff.h"
#include "scoring/modelversions.h"
#include "store/auditlog.h"
#include "store/error.h"
#include "testdatabase.h"

using namespace handoff;

namespace {
constexpr qint64 At = 1'790'000'000;
}

class TestModelVersions : public QObject
{
    Q_OBJECT

private:
    static Profile profile(const char *name, Profile::Role role)
    {
        return Profile{0, QString::fromLatin1(name), role};
    }
    const Profile mia = profile("Mia Marketing", Profile::Role::Marketing);
    const Profile max = profile("Max Marketing", Profile::Role::Marketing);
    const Profile sam = profile("Sam Sales", Profile::Role::Sales);
    const Profile lee = profile("Lee Manager", Profile::Role::SalesManager);

    static qint64 proposedBy(Database &db, const Profile &author, double threshold)
    {
        ModelVersions versions(db, author);
        const ModelRecord draft = versions.openDraft(At);
        ScoringModel model = versions.definition(draft.id);
        model.mqlThreshold = threshold;
        versions.saveDraft(draft.id, model);
        versions.propose(draft.id, QStringLiteral("Higher bar"), QStringLiteral("Too many MQLs"),
                         At + 10);
        return draft.id;
    }

private slots:
    void draftStartsFromTheLiveModelAndIsSavedAsYouGo()
    {
        TestDatabase t;
        ModelVersions versions(t.db(), mia);
        const ModelRecord draft = versions.openDraft(At);
        QCOMPARE(draft.status, ModelRecord::Status::Draft);
        QCOMPARE(versions.definition(draft.id), ScoringModel::standard());
        ScoringModel edited = ScoringModel::standard();
        edited.mqlThreshold = 70;
        versions.saveDraft(draft.id, edited);
        // Opening again finds the same draft with the edit, not a new one.
        const ModelRecord again = versions.openDraft(At + 5);
        QCOMPARE(again.id, draft.id);
        QCOMPARE(versions.definition(again.id).mqlThreshold, 70.0);
        // Someone else's draft is theirs.
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), max).saveDraft(draft.id, edited));
    }

    void proposalNeedsARationale()
    {
        TestDatabase t;
        ModelVersions versions(t.db(), mia);
        const ModelRecord draft = versions.openDraft(At);
        QVERIFY_THROWS_EXCEPTION(Error, versions.propose(draft.id, {}, QStringLiteral("  "), At));
        QCOMPARE(versions.find(draft.id).status, ModelRecord::Status::Draft);
        versions.propose(draft.id, QStringLiteral("v2"), QStringLiteral("Webinars matter more"),
                         At);
        const ModelRecord proposed = versions.find(draft.id);
        QCOMPARE(proposed.status, ModelRecord::Status::Proposed);
        QCOMPARE(proposed.rationale, QStringLiteral("Webinars matter more"));
        QCOMPARE(proposed.author, mia.name);
        // A proposal is frozen: further edits need a new draft.
        QVERIFY_THROWS_EXCEPTION(Error, versions.saveDraft(draft.id, ScoringModel::standard()));
    }

    void cannotGoLiveWithoutBothSides()
    {
        TestDatabase t;
        const qint64 id = proposedBy(t.db(), mia, 80);
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), mia).goLive(id, At));
        ModelVersions(t.db(), mia).signOff(id, At + 20);
        QCOMPARE(ModelVersions(t.db(), mia).missingForLive(id),
                 QStringList{QStringLiteral("the sales sign-off")});
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), sam).goLive(id, At));
        QCOMPARE(ModelVersions(t.db(), sam).find(id).status, ModelRecord::Status::Proposed);
    }

    void onePersonCannotSignBothSides()
    {
        TestDatabase t;
        const qint64 id = proposedBy(t.db(), mia, 80);
        ModelVersions(t.db(), mia).signOff(id, At + 20);
        // The same side twice is refused, whoever signs.
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), max).signOff(id, At + 21));
        // Mia, now under a sales profile of the same name, cannot sign the other side.
        Profile miaAsSales = mia;
        miaAsSales.role = Profile::Role::Sales;
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), miaAsSales).signOff(id, At + 22));
        QCOMPARE(ModelVersions(t.db(), mia).signOffs(id).size(), 1);
        // A sales manager signs for sales.
        ModelVersions(t.db(), lee).signOff(id, At + 23);
        const auto signOffs = ModelVersions(t.db(), lee).signOffs(id);
        QCOMPARE(signOffs.size(), 2);
        QCOMPARE(signOffs.last().side, ModelSignOff::Side::Sales);
        QCOMPARE(signOffs.last().signedBy, lee.name);
    }

    void draftsCannotBeSignedOff()
    {
        TestDatabase t;
        ModelVersions versions(t.db(), mia);
        const ModelRecord draft = versions.openDraft(At);
        QVERIFY_THROWS_EXCEPTION(Error, versions.signOff(draft.id, At));
    }

    void goingLiveRetiresThePreviousVersionAndKeepsEveryVersion()
    {
        TestDatabase t;
        const qint64 first = proposedBy(t.db(), mia, 80);
        ModelVersions(t.db(), mia).signOff(first, At + 20);
        ModelVersions(t.db(), sam).signOff(first, At + 30);
        ModelVersions(t.db(), sam).goLive(first, At + 40);
        QCOMPARE(ModelVersions(t.db(), sam).liveDefinition().mqlThreshold, 80.0);
        QCOMPARE(*ModelVersions(t.db(), sam).find(first).liveAt, At + 40);

        const qint64 second = proposedBy(t.db(), max, 60);
        ModelVersions(t.db(), max).signOff(second, At + 50);
        ModelVersions(t.db(), lee).signOff(second, At + 60);
        ModelVersions(t.db(), max).goLive(second, At + 70);
        ModelVersions versions(t.db(), max);
        QCOMPARE(versions.find(first).status, ModelRecord::Status::Retired);
        QCOMPARE(versions.find(second).status, ModelRecord::Status::Live);
        QCOMPARE(versions.liveDefinition().mqlThreshold, 60.0);
        QCOMPARE(versions.all().size(), 2);
        // Who did what is in the audit log.
        QStringList actions;
        for (const AuditEntry &e : AuditLog(t.connection()).recent(50)) {
            if (e.entity == QStringLiteral("scoring_model"))
                actions << e.action;
        }
        QVERIFY(actions.contains(QStringLiteral("model.retire")));
        QCOMPARE(actions.count(QStringLiteral("model.live")), 2);
        QCOMPARE(actions.count(QStringLiteral("model.signoff")), 4);
    }

    void withdrawnProposalsAreKeptButRetired()
    {
        TestDatabase t;
        const qint64 id = proposedBy(t.db(), mia, 80);
        ModelVersions(t.db(), mia).withdraw(id, At + 5);
        QCOMPARE(ModelVersions(t.db(), mia).find(id).status, ModelRecord::Status::Retired);
        QVERIFY_THROWS_EXCEPTION(Error, ModelVersions(t.db(), mia).signOff(id, At + 6));
    }

    void theDiffShowsEveryChangedItemAndRepeatedRulesApart()
    {
        const ScoringModel left = ScoringModel::standard();
        ScoringModel right = left;
        right.mqlThreshold = 70;
        right.activities[0].points += 5;
        // The same condition twice adds its points twice: the diff must not fold them.
        right.fitRules.append(right.fitRules.first());
        right.disqualifications.removeLast();
        QStringList changed;
        for (const ModelDiffRow &row : modeldiff::compare(left, right)) {
            if (row.changed())
                changed << row.item;
        }
        QCOMPARE(changed.size(), 4);
        QCOMPARE(changed[0], QStringLiteral("MQL threshold"));
        QVERIFY(changed[1].startsWith(QStringLiteral("Points: ") + left.activities[0].type));
        // Rows in the left model's order, then what only the right one has.
        QVERIFY(changed[2].startsWith(QStringLiteral("Disqualify: ")));
        QVERIFY(changed[3].startsWith(QStringLiteral("Fit: ")) &&
                changed[3].endsWith(QStringLiteral(" #2")));
        for (const ModelDiffRow &row : modeldiff::compare(left, left))
            QVERIFY(!row.changed());
    }

    void theDiffReadsActivityLabelsNotCodes()
    {
        TestDatabase t;
        ModelVersions versions(t.db(), mia);
        ScoringModel right = ScoringModel::standard();
        QVERIFY(!right.activities.isEmpty());
        const QString code = right.activities.first().type;
        right.activities.first().points += 5;
        const QList<ModelDiffRow> rows =
            modeldiff::compare(ScoringModel::standard(), right, versions.activityLabels());
        const QString label = versions.activityLabels().value(code);
        QVERIFY(!label.isEmpty() && label != code);
        bool found = false;
        for (const ModelDiffRow &r : rows) {
            QVERIFY2(r.item != QStringLiteral("Points: %1").arg(code), qPrintable(r.item));
            found = found || (r.item == QStringLiteral("Points: %1").arg(label) && r.changed());
        }
        QVERIFY(found);
    }

    void aProposalWithoutANameIsNamedAfterWhatItChanges()
    {
        TestDatabase t;
        ModelVersions versions(t.db(), mia);
        const ModelRecord draft = versions.openDraft(At);
        ScoringModel model = versions.definition(draft.id);
        model.mqlThreshold = 42;
        versions.saveDraft(draft.id, model);
        versions.propose(draft.id, {}, QStringLiteral("Fewer MQLs slip through"), At + 1);
        const QString name = versions.find(draft.id).name;
        QVERIFY2(!name.startsWith(QStringLiteral("Draft")), qPrintable(name));
        QVERIFY2(name.contains(QStringLiteral("MQL threshold")) &&
                     name.contains(QStringLiteral("42")),
                 qPrintable(name));
        // A name given is kept.
        const ModelRecord second = versions.draftFrom(draft.id, At + 2);
        versions.propose(second.id, QStringLiteral("Spring webinars"), QStringLiteral("Why"),
                         At + 3);
        QCOMPARE(versions.find(second.id).name, QStringLiteral("Spring webinars"));
    }

    void undoAndRedoEdits()
    {
        DraftDocument doc;
        doc.reset(ScoringModel::standard(), 1);
        QSignalSpy changed(&doc, &DraftDocument::modelChanged);
        doc.setMqlThreshold(70);
        doc.setActivityPoints(QStringLiteral("webinar_attended"), 25);
        Condition cto;
        cto.field = QStringLiteral("title");
        cto.op = Condition::Operator::Contains;
        cto.values = {QStringLiteral("CTO")};
        doc.addRule(FitRule{cto, 15});
        QCOMPARE(doc.undoStack()->count(), 3);
        QCOMPARE(doc.model().fitRules.last().points, 15.0);

        doc.undoStack()->undo();
        QCOMPARE(doc.model().fitRules, ScoringModel::standard().fitRules);
        doc.undoStack()->undo();
        QCOMPARE(doc.model().weightFor(QStringLiteral("webinar_attended"))->points,
                 ScoringModel::standard().weightFor(QStringLiteral("webinar_attended"))->points);
        doc.undoStack()->redo();
        QCOMPARE(doc.model().weightFor(QStringLiteral("webinar_attended"))->points, 25.0);
        doc.undoStack()->undo();
        doc.undoStack()->undo();
        QCOMPARE(doc.model(), ScoringModel::standard());
        QCOMPARE(changed.count(), 3 + 5); // three edits, four undos and a redo
    }

    // A step records only what it changes and says which part that was: undoing a weight edit
    // puts back that weight alone, and tells the listeners of weights, not of rules.
    void anUndoSaysWhatItChanged()
    {
        DraftDocument doc;
        doc.reset(ScoringModel::standard(), 1);
        const QString webinar = QStringLiteral("webinar_attended");
        doc.setMqlThreshold(70);
        doc.setActivityPoints(webinar, 25);
        QSignalSpy weights(&doc, &DraftDocument::weightChanged);
        QSignalSpy threshold(&doc, &DraftDocument::thresholdChanged);
        QSignalSpy rules(&doc, &DraftDocument::rulesChanged);
        QSignalSpy everything(&doc, &DraftDocument::modelChanged);

        doc.undoStack()->undo();
        ScoringModel expected = ScoringModel::standard();
        expected.mqlThreshold = 70;
        QCOMPARE(doc.model(), expected);
        QCOMPARE(weights.count(), 1);
        QCOMPARE(weights.last().first().toString(), webinar);
        QCOMPARE(threshold.count(), 0);
        QCOMPARE(rules.count(), 0);
        QCOMPARE(everything.count(), 1);

        // Rules say their kind; an undone removal puts the rule back at its place.
        const QList<DisqualificationRule> before = doc.model().disqualifications;
        doc.removeRule<DisqualificationRule>(1);
        QCOMPARE(rules.count(), 1);
        QCOMPARE(rules.last().first().value<RuleKind>(), RuleKind::Disqualification);
        doc.undoStack()->undo();
        QCOMPARE(doc.model().disqualifications, before);
        doc.setMqlThreshold(71);
        QCOMPARE(threshold.count(), 1);
        QCOMPARE(weights.count(), 1);
    }

    void theWeightsTableEditsTheDraftUndoably()
    {
        DraftDocument doc;
        doc.reset(ScoringModel::standard(), 1);
        ActivityWeightsModel model(&doc);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCatalogue(ActivityCatalogue(standardActivityTypes()));
        model.setLiveModel(ScoringModel::standard());
        int row = 0;
        while (model.typeCode(row) != QStringLiteral("webinar_attended"))
            ++row;
        const QModelIndex points = model.index(row, ActivityWeightsModel::Points);
        const double live = model.index(row, ActivityWeightsModel::LivePoints).data().toDouble();
        QVERIFY(model.setData(points, 17.0));
        QCOMPARE(doc.model().weightFor(QStringLiteral("webinar_attended"))->points, 17.0);
        QCOMPARE(points.data().toDouble(), 17.0);
        QCOMPARE(model.index(row, ActivityWeightsModel::LivePoints).data().toDouble(), live);
        // Not numbers a model can hold: refused, nothing changes.
        for (const QVariant &bad :
             {QVariant(std::nan("")), QVariant(1e9), QVariant(QStringLiteral("ten"))})
            QVERIFY(!model.setData(points, bad));
        QCOMPARE(doc.undoStack()->count(), 1);
        // A typed value and a following slider drag are two steps, not one.
        doc.setActivityPoints(QStringLiteral("webinar_attended"), 30);
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QCOMPARE(points.data().toDouble(), 17.0);
        doc.undoStack()->undo();
        QCOMPARE(points.data().toDouble(), live);
        // The fades column is a check box.
        const QModelIndex fades = model.index(row, ActivityWeightsModel::Fades);
        QVERIFY(model.setData(fades, Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!doc.model().weightFor(QStringLiteral("webinar_attended"))->decays);
    }

    // The table redraws the row a step changed, not every row; a replaced draft redraws all.
    void theWeightsTableRedrawsOnlyWhatAStepChanged()
    {
        DraftDocument doc;
        doc.reset(ScoringModel::standard(), 1);
        ActivityWeightsModel model(&doc);
        model.setCatalogue(ActivityCatalogue(standardActivityTypes()));
        const int row = ActivityCatalogue(standardActivityTypes())
                            .indexOfCode(QStringLiteral("webinar_attended"));
        QVERIFY(row >= 0);
        QSignalSpy redrawn(&model, &QAbstractItemModel::dataChanged);

        doc.setActivityPoints(QStringLiteral("webinar_attended"), 21);
        doc.setMqlThreshold(75); // not in this table
        QCOMPARE(redrawn.count(), 1);
        QCOMPARE(redrawn.last().at(0).toModelIndex().row(), row);
        QCOMPARE(redrawn.last().at(1).toModelIndex().row(), row);

        ScoringModel many = doc.model();
        many.activities.clear();
        doc.change(many, QStringLiteral("Apply suggestions"));
        QCOMPARE(redrawn.count(), 2);
        QCOMPARE(redrawn.last().at(0).toModelIndex().row(), 0);
        QCOMPARE(redrawn.last().at(1).toModelIndex().row(), model.rowCount() - 1);
    }

    void aDraggedSliderIsOneStep()
    {
        DraftDocument doc;
        doc.reset(ScoringModel::standard(), 1);
        for (int t = 66; t <= 80; ++t)
            doc.setMqlThreshold(t);
        QCOMPARE(doc.undoStack()->count(), 1);
        QCOMPARE(doc.model().mqlThreshold, 80.0);
        // Released, then dragged again: a second step.
        doc.closeMerge();
        doc.setMqlThreshold(90);
        QCOMPARE(doc.undoStack()->count(), 2);
        doc.undoStack()->undo();
        QCOMPARE(doc.model().mqlThreshold, 80.0);
        doc.undoStack()->undo();
        QCOMPARE(doc.model().mqlThreshold, ScoringModel::standard().mqlThreshold);
        // A drag that ends where it began leaves no step behind.
        doc.undoStack()->clear();
        doc.closeMerge();
        doc.setMqlThreshold(70);
        doc.setMqlThreshold(ScoringModel::standard().mqlThreshold);
        QCOMPARE(doc.undoStack()->count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestModelVersions)
#include "tst_modelversions.moc"
