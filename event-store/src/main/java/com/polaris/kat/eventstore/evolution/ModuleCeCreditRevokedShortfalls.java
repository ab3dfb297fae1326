package com.polaris.kat.eventstore.evolution;

/**
 * {@code ModuleCeCreditRevoked} from revision 2 to 3: revision 3 names what fell short in words ({@code shortfalls}, as a
 * not-earned decision does); revision 2 did not, so the upcast event has it null ("not recorded"; its inputs still let a
 * reader recompute them). Runs after {@link ModuleCeCreditRevokedInputs}, so revision 1 reaches 3 too. Nothing else changes.
 */
public final class ModuleCeCreditRevokedShortfalls extends FieldsAddedAsNull {

    public ModuleCeCreditRevokedShortfalls() {
        super(ModuleCeCreditRevokedInputs.REVOKED, "2", "3", "shortfalls");
    }
}
